export { formatInstant, formatRelative } from "./time";
