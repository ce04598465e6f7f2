export { describeAddress, describeUserAgent } from "./device";
export { formatInstant, formatRelative } from "./time";
