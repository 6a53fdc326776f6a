import WeftJSON

/// The XML parser behind ``XMLToJSON``: a strict, single-pass reader over UTF-8 bytes that builds the JSON
/// value directly.
///
/// It keeps its own stack of open elements instead of recursing, so the depth limit and not the native stack
/// bounds the nesting. It never expands anything but the five predefined entities and character references,
/// and refuses DOCTYPEs that declare entities.
struct XMLDocumentReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let options: XMLToJSON.Options
    private var position = 0
    /// Where the document starts, after a byte order mark: the only place an XML declaration may stand.
    private var documentStart = 0

    init(bytes: UnsafeBufferPointer<UInt8>, options: XMLToJSON.Options) {
        self.bytes = bytes
        self.options = options
    }

    /// An element being read: its name, where it starts, and what it has collected so far.
    private struct Frame {
        /// The name as written, to match the closing tag.
        var name: String
        /// The member name in JSON: the name, without its prefix when prefixes are stripped.
        var key: String
        /// Offset of the `<` of the start tag.
        var start: Int
        var attributes: [(key: String, value: JSON)] = []
        var children: [(key: String, value: JSON)] = []
        /// Text and CDATA content, whitespace-only pieces left out.
        var text: [UInt8] = []
    }

    /// Reads the whole document.
    mutating func read() throws(ConversionError) -> JSON {
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            position = 3
        }
        documentStart = position
        var sawDoctype = false
        // Prolog: the XML declaration, comments, processing instructions, a DOCTYPE.
        while true {
            skipWhitespace()
            guard position < bytes.count else {
                throw failure(.malformed, "the document has no root element", at: position)
            }
            guard bytes[position] == ConverterByte.lessThan else {
                throw failure(.malformed, "text before the root element", at: position)
            }
            if hasPrefix(Self.processingInstructionOpen) {
                try skipProcessingInstruction()
            } else if hasPrefix(Self.commentOpen) {
                try skipComment()
            } else if hasPrefix(Self.doctypeOpen) {
                guard !sawDoctype else {
                    throw failure(.malformed, "a document may have only one DOCTYPE", at: position)
                }
                try skipDoctype()
                sawDoctype = true
            } else if position + 1 < bytes.count && bytes[position + 1] == ConverterByte.exclamation {
                throw failure(.malformed, "unexpected markup declaration before the root element", at: position)
            } else if position + 1 < bytes.count && bytes[position + 1] == ConverterByte.slash {
                throw failure(.malformed, "closing tag before any element was opened", at: position)
            } else {
                break
            }
        }
        let root = try readRootElement()
        // Epilogue: only comments, processing instructions and whitespace may follow the root.
        while true {
            skipWhitespace()
            guard position < bytes.count else { break }
            guard bytes[position] == ConverterByte.lessThan else {
                throw failure(.malformed, "text after the root element", at: position)
            }
            if hasPrefix(Self.processingInstructionOpen) {
                try skipProcessingInstruction()
            } else if hasPrefix(Self.commentOpen) {
                try skipComment()
            } else if position + 1 < bytes.count && bytes[position + 1] == ConverterByte.slash {
                throw failure(.mismatchedTag, "closing tag after the root element was closed", at: position)
            } else if position + 1 < bytes.count && bytes[position + 1] == ConverterByte.exclamation {
                throw failure(.malformed, "unexpected markup after the root element", at: position)
            } else {
                throw failure(.malformed, "a document may have only one root element", at: position)
            }
        }
        if options.unwrapRoot { return root.value }
        var object = JSONObject(minimumCapacity: 1)
        object[root.key] = root.value
        return .object(object)
    }

    // MARK: - Elements

    private enum StartTag {
        case open(Frame)
        case selfClosing(Frame)
    }

    private mutating func readRootElement() throws(ConversionError) -> (key: String, value: JSON) {
        var stack: [Frame] = []
        switch try readStartTag(depth: 1) {
        case .selfClosing(let frame): return (frame.key, finish(frame))
        case .open(let frame): stack.append(frame)
        }
        while true {
            guard position < bytes.count else {
                let frame = stack[stack.count - 1]
                throw failure(.unclosed, "element <\(frame.name)> is never closed", at: frame.start)
            }
            guard bytes[position] == ConverterByte.lessThan else {
                let text = try readText()
                append(text: text, to: &stack[stack.count - 1])
                continue
            }
            let next: UInt8 = position + 1 < bytes.count ? bytes[position + 1] : 0
            if next == ConverterByte.slash {
                let tagStart = position
                let name = try readEndTag()
                let frame = stack.removeLast()
                guard name == frame.name else {
                    let opened = TextPosition(offset: frame.start, in: bytes)
                    throw failure(
                        .mismatchedTag,
                        "closing tag </\(name)> does not match <\(frame.name)> opened at line \(opened.line), "
                            + "column \(opened.column)",
                        at: tagStart
                    )
                }
                let value = finish(frame)
                if stack.isEmpty { return (frame.key, value) }
                stack[stack.count - 1].children.append((frame.key, value))
            } else if next == ConverterByte.exclamation {
                if hasPrefix(Self.commentOpen) {
                    try skipComment()
                } else if hasPrefix(Self.cdataOpen) {
                    let text = try readCDATA()
                    append(text: text, to: &stack[stack.count - 1])
                } else {
                    throw failure(.malformed, "unexpected markup declaration inside an element", at: position)
                }
            } else if next == ConverterByte.question {
                try skipProcessingInstruction()
            } else {
                switch try readStartTag(depth: stack.count + 1) {
                case .selfClosing(let frame):
                    stack[stack.count - 1].children.append((frame.key, finish(frame)))
                case .open(let frame):
                    stack.append(frame)
                }
            }
        }
    }

    /// Reads a start tag at `<`, with its attributes.
    private mutating func readStartTag(depth: Int) throws(ConversionError) -> StartTag {
        let start = position
        position += 1
        guard let nameRange = readName() else {
            throw failure(.malformed, "expected an element name after '<'", at: position)
        }
        guard depth <= options.maximumDepth else {
            throw failure(
                .nestingTooDeep,
                "elements are nested deeper than the limit of \(options.maximumDepth) levels",
                at: start
            )
        }
        let name = string(nameRange)
        var frame = Frame(name: name, key: key(for: name), start: start)
        // Duplicate check: a short list for the usual few attributes, a set once there are many, so an element
        // with a huge number of attributes cannot make parsing quadratic.
        var attributeNames: [String] = []
        var attributeSet: Set<String> = []
        while true {
            let hadSpace = skipWhitespace()
            guard position < bytes.count else {
                throw failure(.unclosed, "the start tag of <\(name)> is never closed", at: start)
            }
            let byte = bytes[position]
            if byte == ConverterByte.greaterThan {
                position += 1
                return .open(frame)
            }
            if byte == ConverterByte.slash {
                guard position + 1 < bytes.count && bytes[position + 1] == ConverterByte.greaterThan else {
                    throw failure(.malformed, "expected '>' after '/' in the tag of <\(name)>", at: position + 1)
                }
                position += 2
                return .selfClosing(frame)
            }
            let attributeStart = position
            guard hadSpace, let attributeRange = readName() else {
                throw failure(
                    .malformed,
                    "expected an attribute name, '>' or '/>' in the tag of <\(name)>",
                    at: attributeStart
                )
            }
            let attributeName = string(attributeRange)
            skipWhitespace()
            guard position < bytes.count && bytes[position] == ConverterByte.equals else {
                throw failure(.malformed, "expected '=' after the attribute name '\(attributeName)'", at: position)
            }
            position += 1
            skipWhitespace()
            guard position < bytes.count,
                bytes[position] == ConverterByte.doubleQuote || bytes[position] == ConverterByte.singleQuote
            else {
                throw failure(.malformed, "expected a quoted value for the attribute '\(attributeName)'", at: position)
            }
            let value = try readAttributeValue()
            let isDuplicate =
                attributeNames.count < 16
                ? attributeNames.contains(attributeName) : attributeSet.contains(attributeName)
            guard !isDuplicate else {
                throw failure(
                    .malformed,
                    "the attribute '\(attributeName)' appears twice in <\(name)>",
                    at: attributeStart
                )
            }
            if attributeNames.count < 16 {
                attributeNames.append(attributeName)
                if attributeNames.count == 16 { attributeSet = Set(attributeNames) }
            } else {
                attributeSet.insert(attributeName)
            }
            if options.stripNamespacePrefixes
                && (attributeName == "xmlns" || attributeName.utf8.starts(with: "xmlns:".utf8))
            {
                continue
            }
            frame.attributes.append((options.attributePrefix + key(for: attributeName), scalar(value)))
        }
    }

    /// Reads an end tag at `</` and returns its name.
    private mutating func readEndTag() throws(ConversionError) -> String {
        position += 2
        guard let nameRange = readName() else {
            throw failure(.malformed, "expected an element name after '</'", at: position)
        }
        skipWhitespace()
        guard position < bytes.count && bytes[position] == ConverterByte.greaterThan else {
            throw failure(.malformed, "expected '>' to end the closing tag </\(string(nameRange))>", at: position)
        }
        position += 1
        return string(nameRange)
    }

    /// The JSON value of a closed element.
    private func finish(_ frame: Frame) -> JSON {
        var text: String?
        if !frame.text.isEmpty {
            var slice = frame.text[...]
            if options.trimText {
                while let first = slice.first, first.isXMLWhitespace { slice.removeFirst() }
                while let last = slice.last, last.isXMLWhitespace { slice.removeLast() }
            }
            if !slice.isEmpty { text = String(decoding: slice, as: UTF8.self) }
        }
        if frame.attributes.isEmpty && frame.children.isEmpty {
            return text.map(scalar) ?? .string("")
        }
        // Members in order: attributes, text, children; a name seen twice gathers its values into an array.
        var order: [String] = []
        var groups: [String: [JSON]] = [:]
        func add(_ key: String, _ value: JSON) {
            if groups[key] == nil {
                order.append(key)
                groups[key] = [value]
            } else {
                groups[key]!.append(value)
            }
        }
        for (key, value) in frame.attributes { add(key, value) }
        if let text { add(options.textKey, scalar(text)) }
        for (key, value) in frame.children { add(key, value) }
        var object = JSONObject(minimumCapacity: order.count)
        for key in order {
            let values = groups[key]!
            object[key] = values.count == 1 && !options.alwaysArray.contains(key) ? values[0] : .array(values)
        }
        return .object(object)
    }

    private func append(text: [UInt8], to frame: inout Frame) {
        // Whitespace-only text between tags is layout, not content.
        guard text.contains(where: { !$0.isXMLWhitespace }) else { return }
        frame.text.append(contentsOf: text)
    }

    private func scalar(_ text: String) -> JSON {
        options.inferTypes ? TypeInference.infer(text) : .string(text)
    }

    private func key(for name: String) -> String {
        guard options.stripNamespacePrefixes, let colon = name.utf8.lastIndex(of: ConverterByte.colon) else {
            return name
        }
        let local = name.utf8[name.utf8.index(after: colon)...]
        return local.isEmpty ? name : String(Substring(local))
    }

    // MARK: - Text

    /// Reads character data up to the next `<`, resolving references and normalising line ends.
    private mutating func readText() throws(ConversionError) -> [UInt8] {
        var output: [UInt8] = []
        var runStart = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == ConverterByte.lessThan { break }
            if byte != ConverterByte.ampersand
                && (byte >= 0x20 || byte == ConverterByte.lineFeed || byte == ConverterByte.tab)
            {
                position += 1
                continue
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
            if byte == ConverterByte.ampersand {
                try appendReference(to: &output)
            } else if byte == ConverterByte.carriageReturn {
                output.append(ConverterByte.lineFeed)
                position += 1
                if position < bytes.count && bytes[position] == ConverterByte.lineFeed { position += 1 }
            } else {
                throw failure(.malformed, "the control character U+\(hex(byte)) is not allowed in XML", at: position)
            }
            runStart = position
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
        return output
    }

    /// Reads an attribute value at its opening quote, resolving references and normalising whitespace.
    private mutating func readAttributeValue() throws(ConversionError) -> String {
        let quote = bytes[position]
        let start = position
        position += 1
        var output: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case quote:
                position += 1
                return String(decoding: output, as: UTF8.self)
            case ConverterByte.lessThan:
                throw failure(.malformed, "'<' is not allowed in an attribute value; write &lt;", at: position)
            case ConverterByte.ampersand:
                try appendReference(to: &output)
            case ConverterByte.carriageReturn:
                output.append(ConverterByte.space)
                position += 1
                if position < bytes.count && bytes[position] == ConverterByte.lineFeed { position += 1 }
            case ConverterByte.tab, ConverterByte.lineFeed:
                output.append(ConverterByte.space)
                position += 1
            case 0..<0x20:
                throw failure(.malformed, "the control character U+\(hex(byte)) is not allowed in XML", at: position)
            default:
                output.append(byte)
                position += 1
            }
        }
        throw failure(.unclosed, "the attribute value is never closed", at: start)
    }

    /// Resolves the reference at `&`: one of the five predefined entities or a character reference.
    private mutating func appendReference(to output: inout [UInt8]) throws(ConversionError) {
        let start = position
        position += 1
        if position < bytes.count && bytes[position] == ConverterByte.hash {
            position += 1
            var radix: UInt32 = 10
            if position < bytes.count && bytes[position] == UInt8(ascii: "x") {
                radix = 16
                position += 1
            }
            var value: UInt32 = 0
            var digits = 0
            while position < bytes.count, let digit = Self.digitValue(bytes[position], radix: radix) {
                value = min(value * radix + digit, 0x11_0000)
                digits += 1
                position += 1
            }
            guard digits > 0, position < bytes.count, bytes[position] == ConverterByte.semicolon else {
                throw failure(.malformed, "malformed character reference", at: start)
            }
            position += 1
            guard Self.isXMLCharacter(value), let scalar = Unicode.Scalar(value) else {
                throw failure(
                    .malformed,
                    "the character reference \(string(start..<position)) is not a legal XML character",
                    at: start
                )
            }
            UTF8.encode(scalar) { output.append($0) }
            return
        }
        guard let nameRange = readName(), position < bytes.count, bytes[position] == ConverterByte.semicolon else {
            position = start
            throw failure(.malformed, "'&' must start an entity reference; write a literal '&' as &amp;", at: start)
        }
        position += 1
        switch string(nameRange) {
        case "amp": output.append(ConverterByte.ampersand)
        case "lt": output.append(ConverterByte.lessThan)
        case "gt": output.append(ConverterByte.greaterThan)
        case "quot": output.append(ConverterByte.doubleQuote)
        case "apos": output.append(ConverterByte.singleQuote)
        case let name:
            throw failure(
                .undefinedEntity,
                "undefined entity &\(name);: only &amp; &lt; &gt; &quot; &apos; and character references are "
                    + "supported",
                at: start
            )
        }
    }

    /// Reads a CDATA section at `<![CDATA[` and returns its content with line ends normalised.
    private mutating func readCDATA() throws(ConversionError) -> [UInt8] {
        let start = position
        let contentStart = position + Self.cdataOpen.count
        guard let end = find(Self.cdataClose, from: contentStart) else {
            throw failure(.unclosed, "the CDATA section is never closed", at: start)
        }
        position = end + Self.cdataClose.count
        var output: [UInt8] = []
        output.reserveCapacity(end - contentStart)
        var index = contentStart
        while index < end {
            let byte = bytes[index]
            if byte == ConverterByte.carriageReturn {
                output.append(ConverterByte.lineFeed)
                if index + 1 < end && bytes[index + 1] == ConverterByte.lineFeed { index += 1 }
            } else {
                output.append(byte)
            }
            index += 1
        }
        return output
    }

    // MARK: - Markup that is skipped

    private mutating func skipComment() throws(ConversionError) {
        let start = position
        guard let end = find(Self.commentClose, from: position + Self.commentOpen.count) else {
            throw failure(.unclosed, "the comment is never closed", at: start)
        }
        position = end + Self.commentClose.count
    }

    private mutating func skipProcessingInstruction() throws(ConversionError) {
        let start = position
        position += 2
        guard let target = readName() else {
            throw failure(.malformed, "expected a processing instruction target after '<?'", at: position)
        }
        if string(target).lowercased() == "xml" && start != documentStart {
            throw failure(.malformed, "the XML declaration is allowed only at the very start", at: start)
        }
        guard let end = find(Self.processingInstructionClose, from: position) else {
            throw failure(.unclosed, "the processing instruction is never closed", at: start)
        }
        position = end + Self.processingInstructionClose.count
    }

    /// Skips a DOCTYPE declaration, refusing it when its internal subset declares entities.
    private mutating func skipDoctype() throws(ConversionError) {
        let start = position
        position += Self.doctypeOpen.count
        while position < bytes.count {
            switch bytes[position] {
            case ConverterByte.doubleQuote, ConverterByte.singleQuote:
                try skipQuoted(start: start)
            case ConverterByte.openBracket:
                try skipInternalSubset(start: start)
            case ConverterByte.greaterThan:
                position += 1
                return
            default:
                position += 1
            }
        }
        throw failure(.unclosed, "the DOCTYPE is never closed", at: start)
    }

    private mutating func skipInternalSubset(start: Int) throws(ConversionError) {
        position += 1
        while position < bytes.count {
            if hasPrefix(Self.entityDeclaration) {
                throw failure(
                    .entityDeclaration,
                    "the DOCTYPE declares entities, which are refused: entity expansion and external entities "
                        + "are disabled for security",
                    at: position
                )
            }
            if hasPrefix(Self.commentOpen) {
                try skipComment()
                continue
            }
            switch bytes[position] {
            case ConverterByte.doubleQuote, ConverterByte.singleQuote:
                try skipQuoted(start: start)
            case ConverterByte.closeBracket:
                position += 1
                return
            default:
                position += 1
            }
        }
        throw failure(.unclosed, "the DOCTYPE is never closed", at: start)
    }

    private mutating func skipQuoted(start: Int) throws(ConversionError) {
        let quote = bytes[position]
        position += 1
        while position < bytes.count && bytes[position] != quote { position += 1 }
        guard position < bytes.count else {
            throw failure(.unclosed, "the DOCTYPE is never closed", at: start)
        }
        position += 1
    }

    // MARK: - Lexical helpers

    /// Reads an XML name (ASCII name characters; any non-ASCII character is accepted as a name character).
    private mutating func readName() -> Range<Int>? {
        let start = position
        guard position < bytes.count, bytes[position].isXMLNameStartByte else { return nil }
        position += 1
        while position < bytes.count && bytes[position].isXMLNameByte { position += 1 }
        return start..<position
    }

    @discardableResult
    private mutating func skipWhitespace() -> Bool {
        let start = position
        while position < bytes.count && bytes[position].isXMLWhitespace { position += 1 }
        return position > start
    }

    private func hasPrefix(_ literal: [UInt8]) -> Bool {
        guard position + literal.count <= bytes.count else { return false }
        for index in 0..<literal.count where bytes[position + index] != literal[index] { return false }
        return true
    }

    private func find(_ literal: [UInt8], from start: Int) -> Int? {
        guard let first = literal.first, literal.count <= bytes.count else { return nil }
        var index = start
        let last = bytes.count - literal.count
        outer: while index <= last {
            if bytes[index] == first {
                for offset in 1..<literal.count where bytes[index + offset] != literal[offset] {
                    index += 1
                    continue outer
                }
                return index
            }
            index += 1
        }
        return nil
    }

    private func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }

    private func failure(_ code: ConversionError.Code, _ message: String, at offset: Int) -> ConversionError {
        let location = TextPosition(offset: offset, in: bytes)
        return ConversionError(code, message, line: location.line, column: location.column)
    }

    private static func digitValue(_ byte: UInt8, radix: UInt32) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// Whether `value` is a `Char` of XML 1.0: tab, LF, CR, and U+0020 and up except surrogates, U+FFFE and
    /// U+FFFF.
    static func isXMLCharacter(_ value: UInt32) -> Bool {
        switch value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x1_0000...0x10_FFFF: return true
        default: return false
        }
    }

    private static let commentOpen = Array("<!--".utf8)
    private static let commentClose = Array("-->".utf8)
    private static let cdataOpen = Array("<![CDATA[".utf8)
    private static let cdataClose = Array("]]>".utf8)
    private static let processingInstructionOpen = Array("<?".utf8)
    private static let processingInstructionClose = Array("?>".utf8)
    private static let doctypeOpen = Array("<!DOCTYPE".utf8)
    private static let entityDeclaration = Array("<!ENTITY".utf8)
}
