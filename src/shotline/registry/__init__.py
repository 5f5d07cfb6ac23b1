"""Entity types and their fields, described once; the query engine turns a list request
into one SQL statement over them."""

from shotline.registry.entities import (
    Entity,
    Field,
    FieldType,
    ManyLink,
    OneLink,
    get_entity,
    register,
)
from shotline.registry.query import QueryResult, run_query
from shotline.registry.spec import Condition, Group, QuerySpec

__all__ = [
    "Condition",
    "Entity",
    "Field",
    "FieldType",
    "Group",
    "ManyLink",
    "OneLink",
    "QueryResult",
    "QuerySpec",
    "get_entity",
    "register",
    "run_query",
]
