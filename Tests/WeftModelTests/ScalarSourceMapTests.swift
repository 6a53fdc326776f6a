import Foundation
import Testing

@testable import WeftModel

/// Strings read from YAML know where each of their characters is written, whatever the scalar's style.
@Suite("Scalar source map")
struct ScalarSourceMapTests {
    /// The value at `path` (mapping keys) of `yaml`; the root for an empty path.
    static func value(_ yaml: String, _ path: [String] = ["k"]) -> Located? {
        var value = YAMLLoader.load(yaml, file: "t.yaml").value
        for key in path { value = value?[key] }
        return value
    }

    /// The 1-based line and column of the character at `offset` of the string at `path`.
    static func position(_ yaml: String, _ offset: Int, _ path: [String] = ["k"]) -> (Int, Int)? {
        guard let location = value(yaml, path)?.location(ofCharacter: offset) else { return nil }
        return (location.line, location.column)
    }

    /// The character of `yaml` at a 1-based line and column, counted as libyaml counts them.
    static func character(in yaml: String, line: Int, column: Int) -> Unicode.Scalar? {
        let text = SourceText(yaml)
        return text.index(line: line, column: column).flatMap { text[$0] }
    }

    // MARK: - Every style

    @Test(
        "every character sits on its own text, on the escape that stands for it, or on the line break it folds",
        arguments: [
            // plain
            ("k: plain words here\n", ["k"]),
            ("k: first line\n  second line\n\n  after an empty line\n", ["k"]),
            ("k: trailing blanks   \n   next\tline\n", ["k"]),
            ("k: a\r\n  b\r\n\r\n  c\r\n", ["k"]),
            ("m: {k: two words, j: 1}\n", ["m", "k"]),
            ("k: !!str tagged\n", ["k"]),
            // single-quoted
            ("k: 'it''s'\n", ["k"]),
            ("k: 'one  \n  two\n\n  three '\n", ["k"]),
            // double-quoted
            (#"k: "a \"b\" \\ c\t\u00e9\U0001F600\x41 \/ end""# + "\n", ["k"]),
            ("k: \"folded\n   line \\\n   continued\\\n\n  after\"\n", ["k"]),
            ("k: &anchor \"x\\\"y\"\n", ["k"]),
            ("k: \"é€😀 x\"\n", ["k"]),
            // literal
            ("k: |\n  a\n    b\n\n  c\n", ["k"]),
            ("k: |-\n  a\n  b\n\n", ["k"]),
            ("k: |+\n  a\n\n\n", ["k"]),
            ("k: | # a comment\n  a\n", ["k"]),
            ("k: |2\n     a\n  b\n", ["k"]),
            ("outer:\n  k: |1\n     a\n   b\n", ["outer", "k"]),
            ("--- |\n  at the root\n", []),
            // folded
            ("k: >\n  a\n  b\n\n  c\n    more\n  d\n", ["k"]),
            ("k: >\n\n  a\n  b\n", ["k"]),
            ("outer:\n  k: >-1\n     a\n   b\n   c\n", ["outer", "k"]),
        ])
    func consistent(yaml: String, path: [String]) throws {
        let value = try #require(Self.value(yaml, path))
        let text = try #require(value.string)
        #expect(value.sourceMap != nil, "the scanner reads `\(text)` differently from Yams")
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            let location = value.location(ofCharacter: offset)
            let written = Self.character(in: yaml, line: location.line, column: location.column)
            let folded = (scalar == " " || scalar == "\n") && ["\n", "\r"].contains(written)
            #expect(
                written == scalar || written == "\\" || (written == "'" && scalar == "'") || folded,
                "character \(offset) `\(scalar.escaped(asASCII: true))` of \(path) is at \(location), on `\(written?.escaped(asASCII: true) ?? "nothing")`"
            )
        }
    }

    @Test("the scanner reads every string of the fixture corpora as Yams does", arguments: ["valid", "broken", "apps"])
    func corpus(folder: String) throws {
        for file in Fixtures.files(in: folder) {
            let path = Fixtures.path(folder, file)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            guard let root = YAMLLoader.load(text, file: path).value else { continue }
            var unmapped: [String] = []
            Self.visitStrings(root) { value in
                if value.sourceMap == nil { unmapped.append("\(value.location.line):\(value.location.column)") }
            }
            #expect(unmapped.isEmpty, "\(folder)/\(file): strings without a map at \(unmapped)")
        }
    }

    static func visitStrings(_ value: Located, _ body: (Located) -> Void) {
        switch value.kind {
        case .string: body(value)
        case .array(let items): for item in items { visitStrings(item, body) }
        case .object(let members): for member in members { visitStrings(member.value, body) }
        case .null, .bool, .number: break
        }
    }

    // MARK: - Plain

    @Test("a multi-line plain scalar: folded spaces and empty lines")
    func plainLines() {
        let yaml = "k: one\n  two\n\n  three\n"
        #expect(Self.value(yaml)?.string == "one two\nthree")
        #expect(Self.position(yaml, 4) ?? (0, 0) == (2, 3))  // `two`
        #expect(Self.position(yaml, 3) ?? (0, 0) == (1, 7))  // the space that the line break became
        #expect(Self.position(yaml, 7) ?? (0, 0) == (3, 1))  // the line break kept for the empty line
        #expect(Self.position(yaml, 8) ?? (0, 0) == (4, 3))  // `three`
        #expect(Self.position(yaml, 13) ?? (0, 0) == (4, 8))  // past the end
    }

    @Test("blanks before a line break are dropped, blanks inside a line are kept")
    func plainBlanks() {
        let yaml = "k: a  b   \n    c\n"
        #expect(Self.value(yaml)?.string == "a  b c")
        #expect(Self.position(yaml, 3) ?? (0, 0) == (1, 7))  // `b`
        #expect(Self.position(yaml, 5) ?? (0, 0) == (2, 5))  // `c`
    }

    @Test("Windows line endings")
    func crlf() {
        let yaml = "k: a\r\n  b\r\n"
        #expect(Self.value(yaml)?.string == "a b")
        #expect(Self.position(yaml, 2) ?? (0, 0) == (2, 3))
    }

    // MARK: - Single-quoted

    @Test("a single-quoted scalar: `''` and folding")
    func singleQuoted() {
        let yaml = "k: 'it''s\n  here'\n"
        #expect(Self.value(yaml)?.string == "it's here")
        #expect(Self.position(yaml, 2) ?? (0, 0) == (1, 7))  // the `''`
        #expect(Self.position(yaml, 3) ?? (0, 0) == (1, 9))  // `s`
        #expect(Self.position(yaml, 5) ?? (0, 0) == (2, 3))  // `here`
        #expect(Self.position(yaml, 9) ?? (0, 0) == (2, 7))  // past the end: the closing quote
    }

    // MARK: - Double-quoted

    @Test("a double-quoted scalar: escapes take the columns they are written in")
    func doubleQuotedEscapes() {
        let yaml = #"k: "\u00e9 = \"x\" \U0001F600\x41!""# + "\n"
        #expect(Self.value(yaml)?.string == "é = \"x\" 😀A!")
        #expect(Self.position(yaml, 0) ?? (0, 0) == (1, 5))  // `\u00e9`
        #expect(Self.position(yaml, 2) ?? (0, 0) == (1, 12))  // `=`
        #expect(Self.position(yaml, 4) ?? (0, 0) == (1, 14))  // `\"`
        #expect(Self.position(yaml, 5) ?? (0, 0) == (1, 16))  // `x`
        #expect(Self.position(yaml, 8) ?? (0, 0) == (1, 20))  // `\U0001F600`
        #expect(Self.position(yaml, 9) ?? (0, 0) == (1, 30))  // `\x41`
        #expect(Self.position(yaml, 10) ?? (0, 0) == (1, 34))  // `!`
        #expect(Self.position(yaml, 11) ?? (0, 0) == (1, 35))  // past the end: the closing quote
    }

    @Test("a double-quoted scalar: line continuations and folding")
    func doubleQuotedLines() {
        let yaml = "k: \"ab\\\n    cd\n\n  ef\"\n"
        #expect(Self.value(yaml)?.string == "abcd\nef")
        #expect(Self.position(yaml, 2) ?? (0, 0) == (2, 5))  // `c`, after the `\` continuation
        #expect(Self.position(yaml, 4) ?? (0, 0) == (3, 1))  // the empty line's break
        #expect(Self.position(yaml, 5) ?? (0, 0) == (4, 3))  // `e`
        #expect(Self.position(yaml, 7) ?? (0, 0) == (4, 5))  // past the end: the closing quote
    }

    @Test("a tab counts one column, like any character")
    func tabs() {
        #expect(Self.position("k: \"\tx\"\n", 1) ?? (0, 0) == (1, 6))
    }

    @Test("an anchor or a tag before the scalar")
    func properties() {
        #expect(Self.position("k: &anchor \"x\\\"y\"\n", 2) ?? (0, 0) == (1, 16))
        #expect(Self.position("k: !!str 'a''b'\n", 2) ?? (0, 0) == (1, 14))
    }

    // MARK: - Literal

    @Test("a literal block: indentation, more indented lines and empty lines")
    func literal() {
        let yaml = "k: |\n  a\n    b\n\n  c\n"
        #expect(Self.value(yaml)?.string == "a\n  b\n\nc\n")
        #expect(Self.position(yaml, 0) ?? (0, 0) == (2, 3))
        #expect(Self.position(yaml, 1) ?? (0, 0) == (2, 4))  // the line break after `a`
        #expect(Self.position(yaml, 2) ?? (0, 0) == (3, 3))  // the extra indentation of `b`
        #expect(Self.position(yaml, 4) ?? (0, 0) == (3, 5))  // `b`
        #expect(Self.position(yaml, 6) ?? (0, 0) == (4, 1))  // the empty line
        #expect(Self.position(yaml, 7) ?? (0, 0) == (5, 3))  // `c`
        #expect(Self.position(yaml, 9) ?? (0, 0) == (5, 4))  // past the end: after `c`
    }

    @Test("chomping: `-` strips the final line breaks, `+` keeps them")
    func chomping() {
        #expect(Self.value("k: |-\n  a\n\n")?.string == "a")
        #expect(Self.position("k: |-\n  a\n\n", 1) ?? (0, 0) == (2, 4))
        let keep = "k: |+\n  a\n\n"
        #expect(Self.value(keep)?.string == "a\n\n")
        #expect(Self.position(keep, 1) ?? (0, 0) == (2, 4))
        #expect(Self.position(keep, 2) ?? (0, 0) == (3, 1))
    }

    @Test("an indentation indicator, relative to the parent's indentation")
    func indentationIndicator() {
        let yaml = "outer:\n  k: |1\n     a\n   b\n"
        #expect(Self.value(yaml, ["outer", "k"])?.string == "  a\nb\n")
        #expect(Self.position(yaml, 2, ["outer", "k"]) ?? (0, 0) == (3, 6))  // `a`
        #expect(Self.position(yaml, 4, ["outer", "k"]) ?? (0, 0) == (4, 4))  // `b`
    }

    // MARK: - Folded

    @Test("a folded block: line breaks between lines of text become spaces, more indented lines stay apart")
    func folded() {
        let yaml = "k: >\n  a b\n  c\n    d\n  e\n\n  f\n"
        #expect(Self.value(yaml)?.string == "a b c\n  d\ne\nf\n")
        #expect(Self.position(yaml, 3) ?? (0, 0) == (2, 6))  // the space the line break became
        #expect(Self.position(yaml, 4) ?? (0, 0) == (3, 3))  // `c`
        #expect(Self.position(yaml, 8) ?? (0, 0) == (4, 5))  // `d`, more indented
        #expect(Self.position(yaml, 10) ?? (0, 0) == (5, 3))  // `e`
        #expect(Self.position(yaml, 11) ?? (0, 0) == (6, 1))  // the empty line
        #expect(Self.position(yaml, 12) ?? (0, 0) == (7, 3))  // `f`
    }

    // MARK: - Without a map

    @Test("a value not read from a file is located by counting its characters")
    func withoutMap() {
        let value = Located(.string("abc", .plain), at: WeftModel.SourceLocation(file: "t.yaml", line: 2, column: 5))
        #expect(value.sourceMap == nil)
        let location = value.location(ofCharacter: 2)
        #expect((location.line, location.column) == (2, 7))
    }

    // MARK: - In use

    @Test("a JSONata error inside an escaped, folded string is reported where it is written")
    func expressionError() throws {
        let (_, diagnostics) = Snippet.flow(
            """
            weft: 1
            flow: f
            steps:
              - id: a
                map: "{ \\"a\\": 1,
                  \\"b\\": > }"
            """)
        let diagnostic = try #require(diagnostics.first { $0.code == "expression-syntax" })
        #expect((diagnostic.location.line, diagnostic.location.column) == (6, 14))
    }

    @Test("an error inside a template hole of a folded block is reported where it is written")
    func templateError() throws {
        let (_, diagnostics) = Snippet.flow(
            """
            weft: 1
            flow: f
            steps:
              - id: a
                http:
                  url: >-
                    https://x.example/
                    {{ a b }}
            """)
        let diagnostic = try #require(diagnostics.first { $0.code == "expression-syntax" })
        #expect((diagnostic.location.line, diagnostic.location.column) == (8, 14))
    }
}
