/** A response's JSON body, loosely typed for assertions (Node's fetch types it `unknown`). */
export async function bodyOf<T = any>(response: Response | Promise<Response>): Promise<T> {
  return (await (await response).json()) as T;
}
