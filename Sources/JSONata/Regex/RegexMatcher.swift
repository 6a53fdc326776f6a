/// Runs a ``RegexProgram`` over a text by backtracking, with an explicit stack and a step budget.
///
/// Nothing recurses: alternatives still to try live on `stack`, an integer array of four-word entries,
/// together with an undo log of register writes, so the depth of the pattern or the length of the input
/// only grows that array. Every instruction, every character examined by a repetition and every resumed
/// alternative counts as a step; when the steps exceed the budget the search throws.
struct RegexMatcher: ~Copyable {
    private let program: RegexProgram
    private let instructions: ContiguousArray<RegexInstruction>
    private let classes: ContiguousArray<RegexCharSet>
    private let text: UnsafeBufferPointer<Unicode.Scalar>
    private let maxSteps: Int
    /// Steps taken so far.
    private(set) var steps = 0
    private var slots: ContiguousArray<Int>
    private var stack: ContiguousArray<Int> = []

    // Backtrack stack entries: [tag, a, b, c].
    private static let choiceTag = 0  // a: pc, b: position
    private static let restoreTag = 1  // a: slot, b: old value
    private static let giveBackTag = 2  // a: pc, b: last position allowed, c: current position (forward)
    private static let giveBackBackwardTag = 3  // same, matching backward
    private static let lazyTag = 4  // a: pc of repeatCharacter, b: position, c: count so far (forward)
    private static let lazyBackwardTag = 5  // same, matching backward
    private static let barrierTag = 6  // a: saved position, b: exit pc, c: 1 when negative

    /// Creates a matcher; `text` must stay valid while it is used.
    init(program: RegexProgram, text: UnsafeBufferPointer<Unicode.Scalar>, maxSteps: Int) {
        self.program = program
        self.instructions = program.instructions
        self.classes = program.characterClasses
        self.text = text
        self.maxSteps = maxSteps
        self.slots = ContiguousArray(repeating: -1, count: program.slotCount)
        stack.reserveCapacity(64)
    }

    /// Finds the first match starting at or after `start`.
    mutating func firstMatch(from start: Int) throws(RegexBudgetExceeded) -> RegexMatch? {
        let count = text.count
        guard start >= 0, start <= count else { return nil }
        if program.anchoredAtStart {
            guard start == 0, let end = try run(at: 0) else { return nil }
            return makeMatch(start: 0, end: end)
        }
        var position = start
        while position <= count {
            if let filter = program.firstCharacters {
                while position < count && !filter.contains(text[position].value) { position += 1 }
                if position == count { return nil }
            }
            if let end = try run(at: position) { return makeMatch(start: position, end: end) }
            position += 1
        }
        return nil
    }

    private func makeMatch(start: Int, end: Int) -> RegexMatch {
        var groups: [Range<Int>?] = []
        groups.reserveCapacity(program.captureCount)
        for index in stride(from: 1, through: program.captureCount, by: 1) {
            let low = slots[2 * index]
            let high = slots[2 * index + 1]
            groups.append(low >= 0 && high >= low ? low..<high : nil)
        }
        return RegexMatch(range: start..<end, groups: groups)
    }

    // MARK: - Execution

    /// Runs the program with the match starting at `start`; returns where the match ends.
    private mutating func run(at start: Int) throws(RegexBudgetExceeded) -> Int? {
        for index in slots.indices { slots[index] = -1 }
        stack.removeAll(keepingCapacity: true)
        let count = text.count
        var pc = 0
        var position = start
        while true {
            steps &+= 1
            if steps > maxSteps { throw RegexBudgetExceeded(steps: steps) }
            var failed = false
            switch instructions[pc] {
            case .consume(let matcher):
                if position < count && test(matcher, text[position].value) {
                    position += 1
                    pc += 1
                } else {
                    failed = true
                }
            case .consumeBackward(let matcher):
                if position > 0 && test(matcher, text[position - 1].value) {
                    position -= 1
                    pc += 1
                } else {
                    failed = true
                }
            case .repeatCharacter(let matcher, let min, let max, let greedy, let backward):
                if let next = try repeatCharacter(
                    matcher, min: min, max: max, greedy: greedy, backward: backward, pc: pc, position: position)
                {
                    position = next
                    pc += 1
                } else {
                    failed = true
                }
            case .assertInputStart:
                failed = position != 0
                pc += 1
            case .assertInputEnd:
                failed = position != count
                pc += 1
            case .assertLineStart:
                failed = position != 0 && !RegexCharSet.isLineTerminator(text[position - 1].value)
                pc += 1
            case .assertLineEnd:
                failed = position != count && !RegexCharSet.isLineTerminator(text[position].value)
                pc += 1
            case .assertWordBoundary(let negated):
                let before = position > 0 && RegexCharSet.isWordCharacter(text[position - 1].value)
                let after = position < count && RegexCharSet.isWordCharacter(text[position].value)
                failed = (before != after) == negated
                pc += 1
            case .split(let preferred, let alternative):
                push(Self.choiceTag, alternative, position, 0)
                pc = preferred
            case .jump(let target):
                pc = target
            case .savePosition(let register), .openGroup(let register):
                write(register, position)
                pc += 1
            case .requireProgress(let register):
                failed = slots[register] == position
                pc += 1
            case .closeGroup(let index, let register, let backward):
                let mark = slots[register]
                write(2 * index, backward ? position : mark)
                write(2 * index + 1, backward ? mark : position)
                pc += 1
            case .resetCaptures(let first, let last):
                for slot in (2 * first)...(2 * last + 1) where slots[slot] != -1 { write(slot, -1) }
                pc += 1
            case .initCounter(let register):
                write(register, 0)
                pc += 1
            case .loopHead(let counter, let min, let max, let greedy, let exit):
                let iterations = slots[counter]
                if iterations < min {
                    pc += 1
                } else if iterations >= max {
                    pc = exit
                } else if greedy {
                    push(Self.choiceTag, exit, position, 0)
                    pc += 1
                } else {
                    push(Self.choiceTag, pc + 1, position, 0)
                    pc = exit
                }
            case .loopTail(let counter, let positionRegister, let min, let head):
                let iterations = slots[counter]
                if positionRegister >= 0 && iterations >= min && slots[positionRegister] == position {
                    failed = true
                } else {
                    write(counter, iterations + 1)
                    pc = head
                }
            case .backreference(let index, let backward):
                if let next = try backreference(index, backward: backward, position: position) {
                    position = next
                    pc += 1
                } else {
                    failed = true
                }
            case .lookStart(let register, let negative, let exit):
                push(Self.restoreTag, register, slots[register], 0)
                slots[register] = stack.count
                push(Self.barrierTag, position, exit, negative ? 1 : 0)
                pc += 1
            case .lookEnd(let register, let negative):
                let barrier = slots[register]
                if negative {
                    unwind(to: barrier)
                    failed = true
                } else {
                    position = stack[barrier + 1]
                    discardAlternatives(above: barrier)
                    pc += 1
                }
            case .match:
                return position
            }
            if failed {
                guard try backtrack(pc: &pc, position: &position) else { return nil }
            }
        }
    }

    @inline(__always)
    private func test(_ matcher: RegexCharMatcher, _ value: UInt32) -> Bool {
        switch matcher.kind {
        case .character: value == matcher.value
        case .foldedCharacter: RegexCaseFolding.canonicalize(value) == matcher.value
        case .any: true
        case .anyButLineTerminator: !RegexCharSet.isLineTerminator(value)
        case .characterClass: classes[Int(matcher.value)].contains(value)
        }
    }

    @inline(__always)
    private mutating func push(_ tag: Int, _ first: Int, _ second: Int, _ third: Int) {
        stack.append(tag)
        stack.append(first)
        stack.append(second)
        stack.append(third)
    }

    /// Writes a register, logging the old value for backtracking.
    @inline(__always)
    private mutating func write(_ slot: Int, _ value: Int) {
        push(Self.restoreTag, slot, slots[slot], 0)
        slots[slot] = value
    }

    private mutating func countSteps(_ amount: Int) throws(RegexBudgetExceeded) {
        steps &+= amount
        if steps > maxSteps { throw RegexBudgetExceeded(steps: steps) }
    }

    /// Runs a single-character repetition; returns the position after its first choice, or `nil`.
    private mutating func repeatCharacter(
        _ matcher: RegexCharMatcher, min: Int, max: Int, greedy: Bool, backward: Bool, pc: Int, position: Int
    ) throws(RegexBudgetExceeded) -> Int? {
        let available = backward ? position : text.count - position
        if available < min { return nil }
        let limit = greedy ? Swift.min(max, available) : min
        var taken = 0
        if backward {
            while taken < limit && test(matcher, text[position - taken - 1].value) { taken += 1 }
        } else {
            while taken < limit && test(matcher, text[position + taken].value) { taken += 1 }
        }
        try countSteps(taken)
        if taken < min { return nil }
        let end = backward ? position - taken : position + taken
        if greedy {
            if taken > min {
                let last = backward ? position - min : position + min
                push(backward ? Self.giveBackBackwardTag : Self.giveBackTag, pc + 1, last, end)
            }
        } else if min < max && taken < available {
            push(backward ? Self.lazyBackwardTag : Self.lazyTag, pc, end, taken)
        }
        return end
    }

    private mutating func backreference(_ index: Int, backward: Bool, position: Int) throws(RegexBudgetExceeded)
        -> Int?
    {
        let start = slots[2 * index]
        let end = slots[2 * index + 1]
        guard start >= 0, end >= start else { return position }
        let length = end - start
        try countSteps(length)
        let from = backward ? position - length : position
        guard from >= 0, from + length <= text.count else { return nil }
        if program.ignoreCase {
            for offset in 0..<length
            where RegexCaseFolding.canonicalize(text[start + offset].value)
                != RegexCaseFolding.canonicalize(text[from + offset].value)
            {
                return nil
            }
        } else {
            for offset in 0..<length where text[start + offset] != text[from + offset] { return nil }
        }
        return backward ? from : from + length
    }

    /// Pops entries above `barrier`, undoing register writes, then pops the barrier itself.
    private mutating func unwind(to barrier: Int) {
        while stack.count > barrier {
            let top = stack.count - 4
            if stack[top] == Self.restoreTag { slots[stack[top + 1]] = stack[top + 2] }
            stack.removeLast(4)
        }
    }

    /// Removes the barrier at `barrier` and every alternative above it, keeping the register undo log so
    /// later backtracking still restores what the lookaround's body wrote.
    private mutating func discardAlternatives(above barrier: Int) {
        var write = barrier
        var read = barrier + 4
        while read < stack.count {
            if stack[read] == Self.restoreTag {
                for offset in 0..<4 { stack[write + offset] = stack[read + offset] }
                write += 4
            }
            read += 4
        }
        stack.removeLast(stack.count - write)
    }

    /// Resumes the most recent alternative; returns `false` when there is none left.
    private mutating func backtrack(pc: inout Int, position: inout Int) throws(RegexBudgetExceeded) -> Bool {
        while !stack.isEmpty {
            let top = stack.count - 4
            let tag = stack[top]
            let first = stack[top + 1]
            let second = stack[top + 2]
            let third = stack[top + 3]
            stack.removeLast(4)
            switch tag {
            case Self.restoreTag:
                slots[first] = second
            case Self.choiceTag:
                try countSteps(1)
                pc = first
                position = second
                return true
            case Self.giveBackTag:
                try countSteps(1)
                var next = third - 1
                if case .consume(let follower) = instructions[first], follower.kind == .character {
                    // Only positions followed by that character can succeed: skip the others at once.
                    var scanned = 0
                    while next > second && text[next].value != follower.value {
                        next -= 1
                        scanned += 1
                    }
                    try countSteps(scanned)
                    if next == second && (next >= text.count || text[next].value != follower.value) { continue }
                }
                if next != second { push(tag, first, second, next) }
                pc = first
                position = next
                return true
            case Self.giveBackBackwardTag:
                try countSteps(1)
                let next = third + 1
                if next != second { push(tag, first, second, next) }
                pc = first
                position = next
                return true
            case Self.lazyTag, Self.lazyBackwardTag:
                try countSteps(1)
                guard case .repeatCharacter(let matcher, _, let max, _, _) = instructions[first] else { continue }
                let forward = tag == Self.lazyTag
                guard forward ? second < text.count : second > 0 else { continue }
                guard test(matcher, text[forward ? second : second - 1].value) else { continue }
                let next = forward ? second + 1 : second - 1
                if third + 1 < max && (forward ? next < text.count : next > 0) { push(tag, first, next, third + 1) }
                pc = first + 1
                position = next
                return true
            default:  // barrier
                if third == 1 {
                    pc = second
                    position = first
                    return true
                }
            }
        }
        return false
    }
}
