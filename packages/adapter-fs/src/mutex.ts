/** Runs async sections one at a time, in call order. */
export class Mutex {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(section: () => T | Promise<T>): Promise<T> {
    const result = this.#tail.then(section);
    this.#tail = result.catch(() => {});
    return result;
  }
}
