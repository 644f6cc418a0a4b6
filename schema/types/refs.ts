/**
 * Type references shared across the type files (which implement them), so that entities and
 * relations can point at each other without circular imports.
 */
import type { EntityRefModel, RelationRefModel } from '../../model/models.js';
import { builder } from '../builder.js';

// Entities are backed by the whole model or by the part a list fetched (schema/whole-entity.ts).
export const EntityRef = builder.interfaceRef<EntityRefModel>('Entity');
export const OrganisationRef = builder.objectRef<EntityRefModel>('Organisation');
export const ProjectRef = builder.objectRef<EntityRefModel>('Project');
export const PersonRef = builder.objectRef<EntityRefModel>('Person');
export const EventRef = builder.objectRef<EntityRefModel>('Event');
export const RelationRef = builder.objectRef<RelationRefModel>('Relation');

/** GraphQL type name of each entity kind. */
export const KIND_TYPENAMES = {
  ORGANISATION: 'Organisation',
  PROJECT: 'Project',
  PERSON: 'Person',
  EVENT: 'Event',
} as const;
