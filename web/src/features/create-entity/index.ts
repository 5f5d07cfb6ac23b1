export { CreateEntity } from "@/features/create-entity/components/create-entity";
