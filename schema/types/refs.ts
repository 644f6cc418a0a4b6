/**
 * Type references shared across the type files (which implement them), so that entities and
 * relations can point at each other without circular imports.
 */
import type { EntityModel, PartialEntity, PartialRelation, RelationModel } from '../../model/models.js';
import { KIND_LABELS } from '../../model/vocabulary.js';
import { builder } from '../builder.js';

// Entities are backed by the whole model or by the part a list fetched (schema/whole-entity.ts).
// Each kind's GraphQL type is named as its Neo4j label.
export const EntityRef = builder.interfaceRef<EntityModel | PartialEntity>('Entity');
export const OrganisationRef = builder.objectRef<EntityModel | PartialEntity>(KIND_LABELS.ORGANISATION);
export const ProjectRef = builder.objectRef<EntityModel | PartialEntity>(KIND_LABELS.PROJECT);
export const PersonRef = builder.objectRef<EntityModel | PartialEntity>(KIND_LABELS.PERSON);
export const EventRef = builder.objectRef<EntityModel | PartialEntity>(KIND_LABELS.EVENT);
export const RelationRef = builder.objectRef<RelationModel | PartialRelation>('Relation');
