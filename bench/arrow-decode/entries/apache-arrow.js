// Size probe: the smallest realistic use of apache-arrow in a browser bundle.
// Decode IPC bytes to a table, then read every column into an array.
import { tableFromIPC } from 'apache-arrow';

export function decode(bytes) {
  const table = tableFromIPC(bytes);
  const columns = {};
  for (const field of table.schema.fields) columns[field.name] = table.getChild(field.name).toArray();
  return columns;
}
