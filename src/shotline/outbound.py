"""The one outbound HTTP client (webhooks, Slack): no requests into the server's own network.

Invariants:
- the host is resolved here and *every* address it resolves to is checked: loopback,
  private, link-local (including the 169.254.169.254 metadata service), multicast,
  reserved, unspecified and shared addresses are refused, and IPv4-mapped/6to4 IPv6
  addresses are checked as the IPv4 address they carry. Anything not globally routable
  is refused;
- the request connects to the checked IP itself (so a second DNS answer cannot swap in
  another address), with the original Host header and TLS SNI / certificate name;
- redirects are not followed (a 3xx is an answer like any other), so no redirect can lead
  to a refused address; the timeout is 15 s;
- `SHOTLINE_OUTBOUND_ALLOW_LOOPBACK` (tests, one-machine set-ups) lets loopback through,
  and nothing else.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx2 as httpx

from shotline.config import Settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class RefusedTarget(Exception):
    """The URL may not be called; `reason` says why in a sentence."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Reply:
    status: int
    body: str
    duration_ms: int


def _embedded_v4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    return ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)


def check_address(ip: Address, *, allow_loopback: bool) -> None:
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_v4(ip)
        if inner is not None:
            check_address(inner, allow_loopback=allow_loopback)
            return
    if ip.is_loopback and allow_loopback:
        return
    if ip.is_loopback:
        raise RefusedTarget("the address is a loopback address")
    if ip.is_link_local:
        raise RefusedTarget("the address is link-local (or a cloud metadata service)")
    if ip.is_multicast:
        raise RefusedTarget("the address is multicast")
    if ip.is_private or not ip.is_global:
        raise RefusedTarget("the address is private or not publicly routable")


def resolve(url: str, *, allow_loopback: bool) -> tuple[str, str, int, Address]:
    """(scheme, host, port, checked address) for `url`, or `RefusedTarget`."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RefusedTarget("only http and https URLs with a host are allowed")
    if parts.username or parts.password:
        raise RefusedTarget("credentials in the URL are not allowed")
    host = parts.hostname
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise RefusedTarget("the host name does not resolve") from exc
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]
    if not addresses:
        raise RefusedTarget("the host name does not resolve")
    for ip in addresses:  # every answer must pass, not just the first
        check_address(ip, allow_loopback=allow_loopback)
    return parts.scheme, host, port, addresses[0]


def check_url(url: str, settings: Settings) -> None:
    resolve(url, allow_loopback=settings.outbound_allow_loopback)


def post(url: str, *, content: bytes, headers: dict[str, str], settings: Settings) -> Reply:
    """POST to `url` through the checks above; raises `RefusedTarget` or `httpx.HTTPError`."""
    scheme, host, port, ip = resolve(url, allow_loopback=settings.outbound_allow_loopback)
    parts = urlsplit(url)
    ip_host = f"[{ip}]" if ip.version == 6 else str(ip)
    target = parts._replace(netloc=f"{ip_host}:{port}").geturl()
    default_port = (scheme == "https" and port == 443) or (scheme == "http" and port == 80)
    sent_headers = {**headers, "Host": host if default_port else f"{host}:{port}"}
    extensions: dict[str, Any] = {"sni_hostname": host} if scheme == "https" else {}
    started = time.monotonic()
    with httpx.Client(
        timeout=settings.outbound_timeout_seconds, follow_redirects=False, trust_env=False
    ) as client:
        request = client.build_request(
            "POST", target, content=content, headers=sent_headers, extensions=extensions
        )
        response = client.send(request)
        body = response.text[:4096]
    return Reply(response.status_code, body, int((time.monotonic() - started) * 1000))
