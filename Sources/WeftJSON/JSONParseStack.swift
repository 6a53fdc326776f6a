/// A growable stack of values that hands out its top part as an exactly sized array by moving, not copying.
///
/// The parser pushes the elements of every open container here and pops them into the finished `Array` in
/// one allocation, instead of growing a separate array per container. Values left on the stack when parsing
/// fails are destroyed with it.
struct JSONParseStack<Element>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    /// The number of values on the stack.
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    @inline(__always)
    mutating func push(_ element: consuming Element) {
        if count == capacity { grow() }
        (base + count).initialize(to: element)
        count += 1
    }

    /// The value at `position`, counted from the bottom.
    subscript(position: Int) -> Element {
        base[position]
    }

    /// Removes the values from `start` to the top and returns them as an array, in order, moving them.
    ///
    /// (`reserveCapacity` and `append` are used because the standard library's initializers that allocate an
    /// array of a given count are not specialized here and look up type metadata on every call.)
    @inline(__always)
    mutating func pop(from start: Int) -> [Element] {
        let length = count - start
        var result: [Element] = []
        result.reserveCapacity(length)
        var position = base + start
        let end = base + count
        while position < end {
            result.append(position.move())
            position += 1
        }
        count = start
        return result
    }

    private mutating func grow() {
        let newCapacity = capacity * 2
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
