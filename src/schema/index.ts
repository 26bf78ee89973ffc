import { builder } from './builder.js';
import './scalars.js';
import './rich-text.js';
import './source.js';
import './event.js';
import './talk.js';
import './speaker.js';
import './resource.js';
import './project.js';
import './diagnostic.js';
import './stats.js';
import './search.js';
import './content-changed.js';
import './content-version.js';

export const schema = builder.toSchema({ sortSchema: false });
