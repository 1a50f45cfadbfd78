/** A bounded first-in first-out queue; when full, new items are dropped (the generator moves on). */
export class FifoQueue<T> {
  private items: T[] = [];
  private head = 0;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T): boolean {
    if (this.size >= this.capacity) {
      return false;
    }
    this.items.push(item);
    return true;
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) {
      return undefined;
    }
    const item = this.items[this.head];
    this.head += 1;
    // Compact once the consumed prefix dominates, so the array does not grow without bound.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}
