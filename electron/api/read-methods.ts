// Methods that only read: their failures change nothing, so they are not written to the audit log.

const readSuffixes =
  /\.(list|get|query|verify|export|logs|inspect|jobs|info|probe|test|followLogs|unfollowLogs|removePlan|prunePlan)$/;

/** True for a method that changes nothing on the engines or in the store. */
export function isReadMethod(method: string): boolean {
  return readSuffixes.test(method) || method.startsWith('terminal.');
}
