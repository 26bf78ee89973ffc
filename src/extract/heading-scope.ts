/** Headings go to `######`: a scope that ends "at any heading" ends at depth 6 or above. */
export const ANY_HEADING = 6;

/**
 * The part of a page a heading (or a bold line) opens: it lasts until the next heading at its
 * own level or above, so blocks under it, deeper headings included, belong to it. Readers walk
 * a page's blocks in order, tell the scope of each heading, and ask what the current block is in.
 */
export class HeadingScope<T> {
  private open: { readonly value: T; readonly depth: number } | null = null;

  /** What the blocks read now belong to, or null outside any scope. */
  get current(): T | null {
    return this.open?.value ?? null;
  }

  /**
   * Opens a scope for `value` lasting until a heading at `depth` or above: the depth of the
   * heading that opens it, or ANY_HEADING for one opened by a bold line.
   * @returns The value of the scope it replaces, if one was open.
   */
  enter(value: T, depth: number): T | null {
    const ended = this.end();
    this.open = { value, depth };
    return ended;
  }

  /**
   * A heading at `depth`: it ends the open scope when it stands at the scope's level or above.
   * @returns The value of the scope it ended, if any.
   */
  heading(depth: number): T | null {
    return this.open && depth <= this.open.depth ? this.end() : null;
  }

  /** Ends the open scope; returns its value, if one was open. */
  end(): T | null {
    const value = this.current;
    this.open = null;
    return value;
  }
}
