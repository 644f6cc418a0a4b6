/**
 * Type references shared across the type files (which implement them), so that entities and
 * relations can point at each other without circular imports.
 */
import type { EntityModel, RelationModel } from '../../api/model/models.js';
import { builder } from '../builder.js';

export const EntityRef = builder.interfaceRef<EntityModel>('Entity');
export const OrganisationRef = builder.objectRef<EntityModel>('Organisation');
export const ProjectRef = builder.objectRef<EntityModel>('Project');
export const PersonRef = builder.objectRef<EntityModel>('Person');
export const EventRef = builder.objectRef<EntityModel>('Event');
export const RelationRef = builder.objectRef<RelationModel>('Relation');

/** GraphQL type name of each entity kind. */
export const KIND_TYPENAMES = {
  ORGANISATION: 'Organisation',
  PROJECT: 'Project',
  PERSON: 'Person',
  EVENT: 'Event',
} as const;
