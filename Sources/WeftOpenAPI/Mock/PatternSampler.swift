/// Makes a string that matches a simple regular expression (`pattern` of a schema): literals, escapes (`\d`,
/// `\w`, `\s` and escaped punctuation), classes with ranges (`[A-Z0-9_-]`, negated ones drawn from printable
/// ASCII), `.`, groups with alternation, and the quantifiers `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}`; anchors
/// are accepted and ignored.
///
/// Anything else (look-arounds, back-references, Unicode properties) makes ``init(_:)`` answer `nil`, and the
/// sampler then makes a plain string instead: "pattern-light", not a full regular expression engine.
struct PatternSampler: Sendable {
    private indirect enum Node: Sendable {
        case literal(Character)
        case set([ClosedRange<Character>], negated: Bool)
        case sequence([Node])
        case alternation([Node])
        case repetition(Node, min: Int, max: Int)
    }

    private let root: Node

    /// The printable ASCII characters negated classes and `.` draw from.
    private static let printable: [Character] = (0x21...0x7E).map { Character(Unicode.Scalar(UInt8($0))) }

    /// Reads `pattern`, or answers `nil` when it uses something this sampler does not make.
    init?(_ pattern: String) {
        var parser = Parser(characters: Array(pattern))
        guard let node = parser.alternation(), parser.index == parser.characters.count else { return nil }
        root = node
    }

    /// A string matching the pattern.
    func sample(using random: inout MockRandom) -> String {
        var output = ""
        Self.emit(root, into: &output, random: &random)
        return output
    }

    private static func emit(_ node: Node, into output: inout String, random: inout MockRandom) {
        switch node {
        case .literal(let character):
            output.append(character)
        case .set(let ranges, let negated):
            if negated {
                let allowed = printable.filter { character in !ranges.contains { $0.contains(character) } }
                if let character = allowed.isEmpty ? nil : random.pick(allowed) { output.append(character) }
            } else if !ranges.isEmpty {
                let range = random.pick(ranges)
                let low = range.lowerBound.unicodeScalars.first!.value
                let high = range.upperBound.unicodeScalars.first!.value
                let value = UInt32(random.int(in: Int(low)...Int(max(low, high))))
                if let scalar = Unicode.Scalar(value) { output.append(Character(scalar)) }
            }
        case .sequence(let nodes):
            for inner in nodes { emit(inner, into: &output, random: &random) }
        case .alternation(let branches):
            emit(random.pick(branches), into: &output, random: &random)
        case .repetition(let inner, let low, let high):
            let count = random.int(in: low...max(low, high))
            for _ in 0..<count { emit(inner, into: &output, random: &random) }
        }
    }

    private struct Parser {
        let characters: [Character]
        var index = 0

        var current: Character? { index < characters.count ? characters[index] : nil }

        mutating func alternation() -> Node? {
            var branches: [Node] = []
            while true {
                guard let branch = sequence() else { return nil }
                branches.append(branch)
                guard current == "|" else { break }
                index += 1
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        mutating func sequence() -> Node? {
            var nodes: [Node] = []
            while let character = current, character != "|", character != ")" {
                if character == "^" || character == "$" {
                    index += 1
                    continue
                }
                guard let atom = atom(), let quantified = quantified(atom) else { return nil }
                nodes.append(quantified)
            }
            return nodes.count == 1 ? nodes[0] : .sequence(nodes)
        }

        mutating func atom() -> Node? {
            guard let character = current else { return nil }
            index += 1
            switch character {
            case "(":
                if current == "?" {
                    guard index + 1 < characters.count, characters[index + 1] == ":" else { return nil }
                    index += 2
                }
                guard let inner = alternation(), current == ")" else { return nil }
                index += 1
                return inner
            case "[": return characterClass()
            case ".": return .set([" "..."~"], negated: false)
            case "\\": return escape(inClass: false)
            case "*", "+", "?", "{", ")": return nil
            default: return .literal(character)
            }
        }

        mutating func escape(inClass: Bool) -> Node? {
            guard let character = current else { return nil }
            index += 1
            switch character {
            case "d": return .set(["0"..."9"], negated: false)
            case "D": return .set(["0"..."9"], negated: true)
            case "w": return .set(["a"..."z", "A"..."Z", "0"..."9", "_"..."_"], negated: false)
            case "W": return .set(["a"..."z", "A"..."Z", "0"..."9", "_"..."_"], negated: true)
            case "s": return .literal(" ")
            case "n": return .literal("\n")
            case "t": return .literal("\t")
            case "b", "B": return inClass ? nil : .sequence([])
            default:
                if character.isLetter || character.isNumber { return nil }
                return .literal(character)
            }
        }

        mutating func characterClass() -> Node? {
            var negated = false
            if current == "^" {
                negated = true
                index += 1
            }
            var ranges: [ClosedRange<Character>] = []
            var first = true
            while let character = current, character != "]" || first {
                first = false
                index += 1
                var low = character
                if character == "\\" {
                    guard let escaped = escape(inClass: true) else { return nil }
                    switch escaped {
                    case .literal(let literal): low = literal
                    case .set(let inner, false):
                        ranges += inner
                        continue
                    default: return nil
                    }
                }
                if current == "-", index + 1 < characters.count, characters[index + 1] != "]" {
                    index += 1
                    guard var high = current else { return nil }
                    index += 1
                    if high == "\\" {
                        guard case .literal(let literal)? = escape(inClass: true) else { return nil }
                        high = literal
                    }
                    guard low <= high else { return nil }
                    ranges.append(low...high)
                } else {
                    ranges.append(low...low)
                }
            }
            guard current == "]" else { return nil }
            index += 1
            return .set(ranges, negated: negated)
        }

        mutating func quantified(_ atom: Node) -> Node? {
            var node = atom
            while let character = current {
                let bounds: (Int, Int)
                switch character {
                case "?": bounds = (0, 1)
                case "*": bounds = (0, 3)
                case "+": bounds = (1, 3)
                case "{":
                    guard let read = braces() else { return nil }
                    bounds = read
                    node = .repetition(node, min: bounds.0, max: bounds.1)
                    if current == "?" { index += 1 }
                    continue
                default: return node
                }
                index += 1
                if current == "?" { index += 1 }  // lazy quantifiers make the same strings
                node = .repetition(node, min: bounds.0, max: bounds.1)
            }
            return node
        }

        /// `{n}`, `{n,}` (n to n + 2) or `{n,m}`.
        mutating func braces() -> (Int, Int)? {
            guard let close = characters[index...].firstIndex(of: "}") else { return nil }
            let text = String(characters[(index + 1)..<close])
            let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), let low = Int(parts[0]), low <= 1000 else { return nil }
            let high: Int
            if parts.count == 1 {
                high = low
            } else if parts[1].isEmpty {
                high = low + 2
            } else {
                guard let value = Int(parts[1]), value >= low else { return nil }
                high = min(value, low + 8)
            }
            index = close + 1
            return (low, high)
        }
    }
}
