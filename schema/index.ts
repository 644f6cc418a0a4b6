/** The GraphQL schema: imports each type file, then builds. */
import { builder } from './builder.js';
import './types/scalars-and-enums.js';
import './types/refs.js';
import './types/relation.js';
import './types/entity.js';
import './types/graph.js';
import './types/history.js';
import './types/mutations.js';
import './types/workspace.js';
import './types/import.js';

export const schema = builder.toSchema({ sortSchema: false });
