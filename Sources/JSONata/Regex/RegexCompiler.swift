/// Compiles a ``RegexNode`` tree into a ``RegexProgram``.
///
/// The translation follows ECMAScript's matcher semantics: alternatives are tried in order; quantifiers
/// try one more iteration first (greedy) or last (lazy); each iteration of a quantified atom clears the
/// capture groups inside it; an optional iteration that matches the empty string fails (the empty-loop
/// rule), so loops always terminate; lookbehind bodies are compiled to match backward.
struct RegexCompiler {
    private let flags: RegexFlags
    private var program = RegexProgram()

    private init(flags: RegexFlags, captureCount: Int) {
        self.flags = flags
        program.captureCount = captureCount
        program.slotCount = 2 * (captureCount + 1)
        program.ignoreCase = flags.ignoreCase
    }

    /// Compiles a parsed pattern.
    static func compile(_ node: RegexNode, captureCount: Int, flags: RegexFlags) -> RegexProgram {
        var compiler = RegexCompiler(flags: flags, captureCount: captureCount)
        compiler.emit(node, backward: false)
        compiler.append(.match)
        let first = compiler.firstCharacters(of: node)
        if !first.nullable, let ranges = first.ranges {
            compiler.program.firstCharacters = RegexCharSet(
                ranges: ranges, negated: false, ignoreCase: flags.ignoreCase)
        }
        compiler.program.anchoredAtStart = !flags.multiline && Self.isAnchoredAtStart(node)
        return compiler.program
    }

    // MARK: - Emission

    @discardableResult
    private mutating func append(_ instruction: RegexInstruction) -> Int {
        program.instructions.append(instruction)
        return program.instructions.count - 1
    }

    private var next: Int { program.instructions.count }

    private mutating func newRegister() -> Int {
        program.slotCount += 1
        return program.slotCount - 1
    }

    private mutating func emit(_ node: RegexNode, backward: Bool) {
        switch node {
        case .empty:
            break
        case .character, .dot, .characterClass:
            let matcher = self.matcher(for: node)
            append(backward ? .consumeBackward(matcher) : .consume(matcher))
        case .sequence(let items):
            if backward {
                for item in items.reversed() { emit(item, backward: true) }
            } else {
                for item in items { emit(item, backward: false) }
            }
        case .alternation(let alternatives):
            if let merged = mergedCharacterClass(node) {
                emit(merged, backward: backward)
                return
            }
            var jumps: [Int] = []
            for (offset, alternative) in alternatives.enumerated() {
                if offset == alternatives.count - 1 {
                    emit(alternative, backward: backward)
                } else {
                    let split = append(.jump(0))
                    emit(alternative, backward: backward)
                    jumps.append(append(.jump(0)))
                    program.instructions[split] = .split(preferred: split + 1, alternative: next)
                }
            }
            for jump in jumps { program.instructions[jump] = .jump(next) }
        case .group(let inner, let index):
            let register = newRegister()
            append(.openGroup(register: register))
            emit(inner, backward: backward)
            append(.closeGroup(index: index, register: register, backward: backward))
        case .quantified(let inner, let min, let max, let greedy):
            emitQuantified(inner, min: min, max: max, greedy: greedy, backward: backward)
        case .assertion(let assertion):
            switch assertion {
            case .start: append(flags.multiline ? .assertLineStart : .assertInputStart)
            case .end: append(flags.multiline ? .assertLineEnd : .assertInputEnd)
            case .wordBoundary: append(.assertWordBoundary(negated: false))
            case .notWordBoundary: append(.assertWordBoundary(negated: true))
            }
        case .lookaround(let inner, let behind, let negative):
            let register = newRegister()
            let start = append(.jump(0))
            emit(inner, backward: behind)
            append(.lookEnd(register: register, negative: negative))
            program.instructions[start] = .lookStart(register: register, negative: negative, exit: next)
        case .backreference(let index):
            append(.backreference(index: index, backward: backward))
        }
    }

    private mutating func emitQuantified(_ inner: RegexNode, min: Int, max: Int, greedy: Bool, backward: Bool) {
        if max == 0 { return }
        if min == 1 && max == 1 {
            emit(inner, backward: backward)
            return
        }
        switch mergedCharacterClass(inner) ?? inner {
        case let single where single.isSingleCharacter:
            let matcher = self.matcher(for: single)
            append(.repeatCharacter(matcher, min: min, max: max, greedy: greedy, backward: backward))
            return
        default:
            break
        }
        let captures = inner.captureRange
        let positionRegister = inner.canMatchEmpty ? newRegister() : -1
        if min == 0 && (max == 1 || max == Int.max) {
            // `?` and `*`: every iteration is optional, so no counter is needed.
            let head = append(.jump(0))
            if positionRegister >= 0 { append(.savePosition(register: positionRegister)) }
            if let captures { append(.resetCaptures(first: captures.lowerBound, last: captures.upperBound)) }
            emit(inner, backward: backward)
            if positionRegister >= 0 { append(.requireProgress(register: positionRegister)) }
            if max == Int.max { append(.jump(head)) }
            let exit = next
            program.instructions[head] =
                greedy ? .split(preferred: head + 1, alternative: exit) : .split(preferred: exit, alternative: head + 1)
            return
        }
        let counter = newRegister()
        append(.initCounter(register: counter))
        let head = append(.jump(0))
        if positionRegister >= 0 { append(.savePosition(register: positionRegister)) }
        if let captures { append(.resetCaptures(first: captures.lowerBound, last: captures.upperBound)) }
        emit(inner, backward: backward)
        append(.loopTail(counter: counter, position: positionRegister, min: min, head: head))
        program.instructions[head] = .loopHead(counter: counter, min: min, max: max, greedy: greedy, exit: next)
    }

    /// An alternation whose alternatives each match exactly one character (`a|b|[0-9]`), as one class.
    private func mergedCharacterClass(_ node: RegexNode) -> RegexNode? {
        guard case .alternation(let alternatives) = node else { return nil }
        var ranges: [ClosedRange<UInt32>] = []
        for alternative in alternatives {
            switch alternative {
            case .character(let value): ranges.append(value...value)
            case .characterClass(let members, let negated):
                ranges.append(contentsOf: negated ? RegexCharSet.complement(members) : members)
            case .dot:
                ranges.append(
                    contentsOf: flags.dotAll
                        ? [0...RegexCharSet.maxScalar] : RegexCharSet.complement(RegexCharSet.lineTerminatorRanges))
            default: return nil
            }
        }
        return .characterClass(ranges, negated: false)
    }

    private mutating func matcher(for node: RegexNode) -> RegexCharMatcher {
        switch node {
        case .character(let value):
            if flags.ignoreCase && RegexCaseFolding.isCased(value) {
                return RegexCharMatcher(kind: .foldedCharacter, value: RegexCaseFolding.canonicalize(value))
            }
            return RegexCharMatcher(kind: .character, value: value)
        case .dot:
            return RegexCharMatcher(kind: flags.dotAll ? .any : .anyButLineTerminator, value: 0)
        case .characterClass(let ranges, let negated):
            program.characterClasses.append(
                RegexCharSet(ranges: ranges, negated: negated, ignoreCase: flags.ignoreCase))
            return RegexCharMatcher(kind: .characterClass, value: UInt32(program.characterClasses.count - 1))
        default:
            preconditionFailure("not a single-character node")
        }
    }

    // MARK: - Analysis

    /// The characters a match of `node` can begin with (`nil` for any character) and whether it can match
    /// the empty string. Zero-width assertions are treated as transparent, which can only over-approximate.
    private func firstCharacters(of node: RegexNode) -> (ranges: [ClosedRange<UInt32>]?, nullable: Bool) {
        switch node {
        case .empty, .assertion, .lookaround:
            return ([], true)
        case .backreference:
            return (nil, true)
        case .character(let value):
            return ([value...value], false)
        case .dot:
            return (flags.dotAll ? nil : RegexCharSet.complement(RegexCharSet.lineTerminatorRanges), false)
        case .characterClass(let ranges, let negated):
            return (negated ? RegexCharSet.complement(ranges) : ranges, false)
        case .sequence(let items):
            var result: [ClosedRange<UInt32>]? = []
            for item in items {
                let first = firstCharacters(of: item)
                result = Self.union(result, first.ranges)
                if !first.nullable { return (result, false) }
            }
            return (result, true)
        case .alternation(let items):
            var result: [ClosedRange<UInt32>]? = []
            var nullable = false
            for item in items {
                let first = firstCharacters(of: item)
                result = Self.union(result, first.ranges)
                nullable = nullable || first.nullable
            }
            return (result, nullable)
        case .group(let inner, _):
            return firstCharacters(of: inner)
        case .quantified(let inner, let min, let max, _):
            if max == 0 { return ([], true) }
            let first = firstCharacters(of: inner)
            return (first.ranges, first.nullable || min == 0)
        }
    }

    private static func union(_ lhs: [ClosedRange<UInt32>]?, _ rhs: [ClosedRange<UInt32>]?) -> [ClosedRange<UInt32>]? {
        guard let lhs, let rhs else { return nil }
        return RegexCharSet.normalize(lhs + rhs)
    }

    /// Whether every match of `node` must begin at the start of the input (without the `m` flag).
    private static func isAnchoredAtStart(_ node: RegexNode) -> Bool {
        switch node {
        case .assertion(.start): true
        case .sequence(let items): items.first.map(isAnchoredAtStart) ?? false
        case .alternation(let items): items.allSatisfy(isAnchoredAtStart)
        case .group(let inner, _): isAnchoredAtStart(inner)
        case .quantified(let inner, let min, _, _): min > 0 && isAnchoredAtStart(inner)
        default: false
        }
    }
}
