/// Parses ECMAScript regular expression syntax into a `RegexNode`; `nil` for syntax it does not support.
struct RegexParser {
    private let scalars: [UInt32]
    private var position = 0

    private struct Unsupported: Error {}

    init(_ source: String) {
        scalars = source.unicodeScalars.map(\.value)
    }

    mutating func parse() -> RegexNode? {
        do {
            let node = try alternation()
            return position == scalars.count ? node : nil
        } catch {
            return nil
        }
    }

    private var current: UInt32? { position < scalars.count ? scalars[position] : nil }

    private mutating func take(_ character: Character) -> Bool {
        guard let current, current == character.unicodeScalars.first!.value else { return false }
        position += 1
        return true
    }

    private mutating func alternation() throws(Unsupported) -> RegexNode {
        var branches = [try sequence()]
        while take("|") { branches.append(try sequence()) }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func sequence() throws(Unsupported) -> RegexNode {
        var nodes: [RegexNode] = []
        while let current, current != 0x7C, current != 0x29 {  // "|", ")"
            nodes.append(try term())
        }
        switch nodes.count {
        case 0: return .empty
        case 1: return nodes[0]
        default: return .sequence(nodes)
        }
    }

    private mutating func term() throws(Unsupported) -> RegexNode {
        let atom = try atom()
        guard let (min, max) = try quantifier() else { return atom }
        switch atom {
        case .start, .end, .wordBoundary, .empty: throw Unsupported()
        default: break
        }
        let greedy = !take("?")
        return .repetition(atom, min: min, max: max, greedy: greedy)
    }

    private mutating func quantifier() throws(Unsupported) -> (Int, Int?)? {
        if take("*") { return (0, nil) }
        if take("+") { return (1, nil) }
        if take("?") { return (0, 1) }
        guard current == 0x7B else { return nil }  // "{"
        let saved = position
        position += 1
        guard let min = number() else {
            position = saved
            return nil
        }
        var max: Int? = min
        if take(",") { max = number() }
        guard take("}") else {
            // Not a quantifier: a literal "{" (Annex B).
            position = saved
            return nil
        }
        if let max, max < min { throw Unsupported() }
        return (min, max)
    }

    private mutating func number() -> Int? {
        var value: Int?
        while let current, current &- 0x30 < 10 {
            value = min((value ?? 0) * 10 + Int(current - 0x30), 100_000)
            position += 1
        }
        return value
    }

    private mutating func atom() throws(Unsupported) -> RegexNode {
        guard let character = current else { throw Unsupported() }
        position += 1
        switch character {
        case 0x5E: return .start  // "^"
        case 0x24: return .end  // "$"
        case 0x2E: return .scalar(RegexSet(ranges: RegexSet.lineTerminators.ranges, negated: true))  // "."
        case 0x2A, 0x2B, 0x3F: throw Unsupported()  // a quantifier with nothing to repeat
        case 0x5B: return .scalar(try characterClass())  // "["
        case 0x28: return try group()  // "("
        case 0x5C:  // "\"
            guard let next = current else { throw Unsupported() }
            switch next {
            case 0x62:  // "b"
                position += 1
                return .wordBoundary(negated: false)
            case 0x42:  // "B"
                position += 1
                return .wordBoundary(negated: true)
            default:
                return .scalar(try escape(inClass: false))
            }
        default:
            return .scalar(.single(character))
        }
    }

    private mutating func group() throws(Unsupported) -> RegexNode {
        var lookahead: Bool?
        if take("?") {
            if take(":") {
            } else if take("=") {
                lookahead = false
            } else if take("!") {
                lookahead = true
            } else if take("<"), let next = current, next != 0x3D, next != 0x21 {  // named group, not lookbehind
                while let current, current != 0x3E { position += 1 }
                guard take(">") else { throw Unsupported() }
            } else {
                throw Unsupported()
            }
        }
        let inner = try alternation()
        guard take(")") else { throw Unsupported() }
        if let negated = lookahead { return .lookahead(inner, negated: negated) }
        return inner
    }

    /// After a backslash: a class escape or one code point.
    private mutating func escape(inClass: Bool) throws(Unsupported) -> RegexSet {
        guard let character = current else { throw Unsupported() }
        position += 1
        switch Character(Unicode.Scalar(character)!) {
        case "d": return .digit
        case "D": return RegexSet(ranges: RegexSet.digit.ranges, negated: true)
        case "w": return .word
        case "W": return RegexSet(ranges: RegexSet.word.ranges, negated: true)
        case "s": return .space
        case "S": return RegexSet(ranges: RegexSet.space.ranges, negated: true)
        case "t": return .single(0x09)
        case "n": return .single(0x0A)
        case "v": return .single(0x0B)
        case "f": return .single(0x0C)
        case "r": return .single(0x0D)
        case "b" where inClass: return .single(0x08)
        case "0" where !(current.map { $0 &- 0x30 < 10 } ?? false): return .single(0)
        case "1"..."9", "p", "P", "k": throw Unsupported()
        case "c":
            guard let letter = current, (letter | 0x20) &- 0x61 < 26 else { return .single(0x5C) }
            position += 1
            return .single(letter % 32)
        case "x":
            return .single(try hex(count: 2))
        case "u":
            if take("{") {
                var value: UInt32 = 0
                while let current, current != 0x7D {
                    guard let digit = Self.hexDigit(current), value < 0x11_0000 else { throw Unsupported() }
                    value = value * 16 + digit
                    position += 1
                }
                guard take("}"), value <= 0x10_FFFF else { throw Unsupported() }
                return .single(value)
            }
            return .single(try hex(count: 4))
        default:
            return .single(character)
        }
    }

    private mutating func hex(count: Int) throws(Unsupported) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<count {
            guard let current, let digit = Self.hexDigit(current) else { throw Unsupported() }
            value = value * 16 + digit
            position += 1
        }
        return value
    }

    private static func hexDigit(_ scalar: UInt32) -> UInt32? {
        switch scalar {
        case 0x30...0x39: scalar - 0x30
        case 0x41...0x46: scalar - 0x41 + 10
        case 0x61...0x66: scalar - 0x61 + 10
        default: nil
        }
    }

    private mutating func characterClass() throws(Unsupported) -> RegexSet {
        let negated = take("^")
        var ranges: [ClosedRange<UInt32>] = []
        while let character = current, character != 0x5D {  // "]"
            let low = try classAtom()
            guard current == 0x2D, position + 1 < scalars.count, scalars[position + 1] != 0x5D else {  // "-"
                ranges += low.positiveRanges
                continue
            }
            position += 1
            let high = try classAtom()
            guard low.ranges.count == 1, !low.negated, high.ranges.count == 1, !high.negated,
                low.ranges[0].lowerBound == low.ranges[0].upperBound,
                high.ranges[0].lowerBound == high.ranges[0].upperBound
            else {
                // A class escape at either end of "-": both, and the hyphen, literally (Annex B).
                ranges += low.positiveRanges + high.positiveRanges + [0x2D...0x2D]
                continue
            }
            guard low.ranges[0].lowerBound <= high.ranges[0].lowerBound else { throw Unsupported() }
            ranges.append(low.ranges[0].lowerBound...high.ranges[0].lowerBound)
        }
        guard take("]") else { throw Unsupported() }
        return RegexSet(ranges: ranges, negated: negated)
    }

    private mutating func classAtom() throws(Unsupported) -> RegexSet {
        guard let character = current else { throw Unsupported() }
        position += 1
        if character == 0x5C { return try escape(inClass: true) }
        return .single(character)
    }
}
