import WeftJSON

/// Converts JSON to an XML document, for the `convert` flow step: the inverse of ``XMLToJSON``.
///
/// The mapping:
/// - a top-level object with a single member that is not an attribute or text member and whose value is not
///   an array is the root element (`{"order": {…}}` gives `<order>…</order>`); anything else is wrapped in
///   an element named ``Options/rootName`` (`root`);
/// - an object member becomes a child element named after its key; members whose key starts with
///   ``Options/attributePrefix`` (`@`) become attributes, and the member ``Options/textKey`` (`#text`) becomes
///   the element's text, written before its children;
/// - an array member becomes one element per item, all with the member's name; an array directly inside an
///   array becomes an element whose items are named ``Options/arrayItemName`` (`item`); an empty array
///   writes nothing;
/// - strings are escaped, numbers are written as JavaScript writes them (`JSONNumber.format`), Booleans as
///   `true`/`false`; `null` and `""` give an empty element (`<a/>`); an attribute whose value is `null` is
///   left out, and an attribute or text member holding an object or array is written as its JSON text.
///
/// Names are sanitised so that the output is always well-formed: every character that may not appear in an
/// XML name (by the XML 1.0 `NameChar` production) is replaced with `_`, a name that does not begin with a
/// name start character (a letter, `_` or `:`) is prefixed with `_`, and an empty name becomes `_`. So
/// `"first name"` gives `first_name`, `"2nd"` gives `_2nd` and `"a/b"` gives `a_b`. When two attributes of
/// one element sanitise to the same name, the later ones get `_2`, `_3`, … appended.
///
/// Text is escaped with `&amp;`, `&lt;` and `&gt;`, and a CR as `&#13;` so that it survives line-end
/// normalisation; attribute values also escape `"`, tab, LF and CR. Characters XML 1.0 cannot carry at all
/// (control characters other than tab, LF and CR, and U+FFFE/U+FFFF) are replaced with U+FFFD.
///
/// Documents that follow these conventions round-trip: converting ``XMLToJSON``'s output back gives XML
/// that converts to the same JSON.
public struct JSONToXML: Sendable {
    /// How JSON maps to XML, and how the output is laid out.
    public struct Options: Sendable {
        /// The name of the element that wraps the value when it is not a single-member object. Default `root`.
        public var rootName: String
        /// The name of the elements that hold the items of an array nested directly in an array, or of a
        /// top-level array. Default `item`.
        public var arrayItemName: String
        /// Prefix of the members written as attributes. Default `@`. An empty prefix writes no attributes.
        public var attributePrefix: String
        /// Name of the member written as the element's text. Default `#text`.
        public var textKey: String
        /// Whether the output starts with `<?xml version="1.0" encoding="UTF-8"?>`. Default off.
        public var xmlDeclaration: Bool
        /// Whether elements are put on their own lines and indented with ``indentation``. Default off.
        public var prettyPrint: Bool
        /// The indentation of one level when pretty printing. Default two spaces.
        public var indentation: String
        /// The deepest nesting of JSON values accepted. Default 256.
        public var maximumDepth: Int

        /// Options with the given values; every parameter has the default described on its property.
        public init(
            rootName: String = "root",
            arrayItemName: String = "item",
            attributePrefix: String = "@",
            textKey: String = "#text",
            xmlDeclaration: Bool = false,
            prettyPrint: Bool = false,
            indentation: String = "  ",
            maximumDepth: Int = 256
        ) {
            self.rootName = rootName
            self.arrayItemName = arrayItemName
            self.attributePrefix = attributePrefix
            self.textKey = textKey
            self.xmlDeclaration = xmlDeclaration
            self.prettyPrint = prettyPrint
            self.indentation = indentation
            self.maximumDepth = maximumDepth
        }
    }

    /// The options this converter applies.
    public var options: Options

    /// A converter with the given options.
    public init(options: Options = .init()) {
        self.options = options
    }

    /// The XML document for `json`.
    ///
    /// - Throws: ``ConversionError`` when the value is nested deeper than ``Options/maximumDepth``.
    public func convert(_ json: JSON) throws(ConversionError) -> String {
        var writer = XMLDocumentWriter(options: options)
        try writer.writeDocument(json)
        return writer.output
    }
}
