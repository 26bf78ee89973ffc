import { builder } from './builder.js';
import type { Event, Project, Resource, Speaker, Talk } from '../model/graph.js';

/** Object refs shared by the type files, so each file can point at the others without cycles. */
export const EventRef = builder.objectRef<Event>('Event');
export const TalkRef = builder.objectRef<Talk>('Talk');
export const SpeakerRef = builder.objectRef<Speaker>('Speaker');
export const ResourceRef = builder.objectRef<Resource>('Resource');
export const ProjectRef = builder.objectRef<Project>('Project');
