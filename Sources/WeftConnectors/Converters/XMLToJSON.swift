import WeftJSON

/// Converts an XML document to JSON, for the `convert` flow step.
///
/// The mapping:
/// - the root element becomes the single member of the top-level object (`<order>…</order>` gives
///   `{"order": …}`), or the whole result with ``Options/unwrapRoot``;
/// - an element with neither attributes nor child elements becomes a string (its text), or `""` when empty;
/// - any other element becomes an object: attributes first, as members named with ``Options/attributePrefix``
///   (`@id`), then its text under ``Options/textKey`` (`#text`) when it has any, then its child elements in
///   document order;
/// - child elements with the same name are gathered into an array at the position of the first one, so
///   `<a/><b/><a/>` gives `{"a": ["", ""], "b": ""}`; names in ``Options/alwaysArray`` are arrays even when
///   they occur once, so a list with a single item keeps its shape;
/// - text is the concatenation of an element's text and CDATA sections with character and entity references
///   resolved and line ends normalised to LF; text nodes made only of whitespace are ignored, and with
///   ``Options/trimText`` (the default) the result is trimmed;
/// - comments, processing instructions, the XML declaration and a DOCTYPE without entity declarations are
///   skipped.
///
/// The parser is our own, strict and bounded: it runs in time linear in the input, refuses DOCTYPEs that
/// declare entities (no entity expansion, no external entities: no "billion laughs", no XXE), knows only the
/// five predefined entities and character references, and enforces ``Options/maximumDepth`` and
/// ``Options/maximumInputBytes``. Errors carry the line and column of the problem.
public struct XMLToJSON: Sendable {
    /// How XML maps to JSON, and the limits of the parser.
    public struct Options: Sendable {
        /// Prefix of the members that hold attributes. Default `@`. An empty prefix puts attributes and child
        /// elements in the same namespace; a name used by both becomes an array, attribute first.
        public var attributePrefix: String
        /// Name of the member that holds the text of an element that also has attributes or children.
        /// Default `#text`.
        public var textKey: String
        /// Keys (element names after namespace handling) whose values are always arrays, even for a single
        /// element. Default empty.
        public var alwaysArray: Set<String>
        /// Whether text and attribute values are converted to numbers and Booleans where they look like them
        /// (`"12"` gives 12, `"-1.5e3"` gives -1500, `"true"` gives true; `"007"`, `"+1"` and integers beyond
        /// 2^53 stay strings). Default off.
        public var inferTypes: Bool
        /// Whether namespace prefixes are removed from element and attribute names (`inv:line` becomes `line`),
        /// and `xmlns` declarations dropped. Default off: names are kept exactly as written.
        public var stripNamespacePrefixes: Bool
        /// Whether the result is the root element's value instead of an object with the root as its single
        /// member. Default off.
        public var unwrapRoot: Bool
        /// Whether the text of an element is trimmed of leading and trailing XML whitespace. Default on.
        public var trimText: Bool
        /// The deepest element nesting accepted; the root element is at depth 1. Default 256.
        public var maximumDepth: Int
        /// The largest input accepted, in UTF-8 bytes. Default 64 MiB.
        public var maximumInputBytes: Int

        /// Options with the given values; every parameter has the default described on its property.
        public init(
            attributePrefix: String = "@",
            textKey: String = "#text",
            alwaysArray: Set<String> = [],
            inferTypes: Bool = false,
            stripNamespacePrefixes: Bool = false,
            unwrapRoot: Bool = false,
            trimText: Bool = true,
            maximumDepth: Int = 256,
            maximumInputBytes: Int = 64 * 1024 * 1024
        ) {
            self.attributePrefix = attributePrefix
            self.textKey = textKey
            self.alwaysArray = alwaysArray
            self.inferTypes = inferTypes
            self.stripNamespacePrefixes = stripNamespacePrefixes
            self.unwrapRoot = unwrapRoot
            self.trimText = trimText
            self.maximumDepth = maximumDepth
            self.maximumInputBytes = maximumInputBytes
        }
    }

    /// The options this converter applies.
    public var options: Options

    /// A converter with the given options.
    public init(options: Options = .init()) {
        self.options = options
    }

    /// The JSON form of the XML document `xml`.
    ///
    /// - Throws: ``ConversionError`` with line and column when the document is not well-formed, uses an
    ///   undefined entity, declares entities in a DOCTYPE, nests deeper than ``Options/maximumDepth``, or is
    ///   larger than ``Options/maximumInputBytes``.
    public func convert(_ xml: String) throws(ConversionError) -> JSON {
        let size = xml.utf8.count
        guard size <= options.maximumInputBytes else {
            throw ConversionError(
                .inputTooLarge,
                "the XML document is \(size) bytes, more than the limit of \(options.maximumInputBytes) bytes"
            )
        }
        let bytes = Array(xml.utf8)
        let options = self.options
        return try bytes.withUnsafeBufferPointer { (buffer) throws(ConversionError) -> JSON in
            var reader = XMLDocumentReader(bytes: buffer, options: options)
            return try reader.read()
        }
    }
}
