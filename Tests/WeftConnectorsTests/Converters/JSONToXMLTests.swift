import Testing
import WeftJSON

@testable import WeftConnectors

@Suite("JSON to XML")
struct JSONToXMLTests {
    @Test func singleMemberObjectIsTheRoot() throws {
        #expect(try jsonToXML(["order": ["id": 1, "paid": true]]) == "<order><id>1</id><paid>true</paid></order>")
    }

    @Test func otherValuesAreWrappedInTheRootElement() throws {
        #expect(try jsonToXML(["a": 1, "b": 2]) == "<root><a>1</a><b>2</b></root>")
        #expect(try jsonToXML(["a": [1, 2]]) == "<root><a>1</a><a>2</a></root>")
        #expect(try jsonToXML(["@id": "1"]) == #"<root id="1"/>"#)
        #expect(try jsonToXML("text") == "<root>text</root>")
        #expect(try jsonToXML(3.5) == "<root>3.5</root>")
        #expect(try jsonToXML(nil) == "<root/>")
        #expect(try jsonToXML([:]) == "<root/>")
        #expect(try jsonToXML(["a": 1, "b": 2], .init(rootName: "data")) == "<data><a>1</a><b>2</b></data>")
    }

    @Test func topLevelAndNestedArraysUseItemElements() throws {
        #expect(try jsonToXML([1, "x"]) == "<root><item>1</item><item>x</item></root>")
        #expect(
            try jsonToXML(["m": [[1, 2], [3]]])
                == "<root><m><item>1</item><item>2</item></m><m><item>3</item></m></root>"
        )
        #expect(try jsonToXML([1], .init(arrayItemName: "row")) == "<root><row>1</row></root>")
        #expect(try jsonToXML(["r": ["a": []]]) == "<r/>")
        #expect(try jsonToXML([]) == "<root/>")
    }

    @Test func scalarsAreWrittenAsText() throws {
        let json: JSON = ["v": ["n": 1.0, "big": 1e21, "small": 0.000001, "t": true, "f": false, "z": nil, "e": ""]]
        #expect(
            try jsonToXML(json)
                == "<v><n>1</n><big>1e+21</big><small>0.000001</small><t>true</t><f>false</f><z/><e/></v>"
        )
    }

    @Test func attributesAndText() throws {
        let json: JSON = ["price": ["@currency": "EUR", "@note": nil, "#text": 12.5]]
        #expect(try jsonToXML(json) == #"<price currency="EUR">12.5</price>"#)
    }

    @Test func textIsWrittenBeforeChildren() throws {
        let json: JSON = ["p": ["b": "bold", "#text": "Hello"]]
        #expect(try jsonToXML(json) == "<p>Hello<b>bold</b></p>")
    }

    @Test func containersInAttributesOrTextAreJSON() throws {
        let json: JSON = ["a": ["@data": ["x": 1], "#text": [1, 2]]]
        #expect(try jsonToXML(json) == #"<a data="{&quot;x&quot;:1}">[1,2]</a>"#)
    }

    @Test func customConventions() throws {
        let options = JSONToXML.Options(attributePrefix: "-", textKey: "$")
        #expect(try jsonToXML(["a": ["-id": 1, "$": "x", "@b": "y"]], options) == #"<a id="1">x<_b>y</_b></a>"#)
        let noAttributes = JSONToXML.Options(attributePrefix: "")
        #expect(try jsonToXML(["a": ["id": 1]], noAttributes) == "<a><id>1</id></a>")
    }

    @Test func textAndAttributesAreEscaped() throws {
        let json: JSON = ["a": ["@q": "\"<&>'\n\t\r", "#text": "<tag> & \"q\" 'a' ]]> \r"]]
        #expect(
            try jsonToXML(json)
                == #"<a q="&quot;&lt;&amp;&gt;'&#10;&#9;&#13;">&lt;tag&gt; &amp; "q" 'a' ]]&gt; &#13;</a>"#
        )
    }

    @Test func charactersXMLCannotCarryAreReplaced() throws {
        #expect(try jsonToXML(["a": "x\u{0}y\u{1B}z\u{FFFE}"]) == "<a>x\u{FFFD}y\u{FFFD}z\u{FFFD}</a>")
    }

    @Test func invalidNamesAreSanitised() throws {
        #expect(XMLName.sanitized("first name") == "first_name")
        #expect(XMLName.sanitized("2nd") == "_2nd")
        #expect(XMLName.sanitized("-x") == "_-x")
        #expect(XMLName.sanitized("a/b") == "a_b")
        #expect(XMLName.sanitized("") == "_")
        #expect(XMLName.sanitized("größe") == "größe")
        #expect(XMLName.sanitized("ns:name.v-1") == "ns:name.v-1")
        #expect(XMLName.sanitized("$ref") == "_ref")
        #expect(XMLName.sanitized("a☺b") == "a_b")
        #expect(XMLName.sanitized("😀") == "😀")
        let json: JSON = ["order list": ["1st item": "a", "@data-id": "7", "@": "x"]]
        #expect(try jsonToXML(json) == #"<order_list data-id="7" _="x"><_1st_item>a</_1st_item></order_list>"#)
    }

    @Test func attributesThatSanitiseToTheSameNameStayUnique() throws {
        let json: JSON = ["a": ["@x y": "1", "@x_y": "2", "@x/y": "3"]]
        #expect(try jsonToXML(json) == #"<a x_y="1" x_y_2="2" x_y_3="3"/>"#)
        #expect(conversionError { try xmlToJSON(try jsonToXML(json)) } == nil)
    }

    @Test func xmlDeclaration() throws {
        #expect(
            try jsonToXML(["a": 1], .init(xmlDeclaration: true)) == #"<?xml version="1.0" encoding="UTF-8"?><a>1</a>"#
        )
    }

    @Test func prettyPrinting() throws {
        let json: JSON = [
            "order": [
                "@id": "1", "customer": ["name": "Ada"], "line": ["a", "b"], "note": "", "p": ["#text": "t", "x": 1],
            ]
        ]
        let expected = """
            <?xml version="1.0" encoding="UTF-8"?>
            <order id="1">
                <customer>
                    <name>Ada</name>
                </customer>
                <line>a</line>
                <line>b</line>
                <note/>
                <p>t
                    <x>1</x>
                </p>
            </order>

            """
        #expect(try jsonToXML(json, .init(xmlDeclaration: true, prettyPrint: true, indentation: "    ")) == expected)
        #expect(try jsonToXML("x", .init(prettyPrint: true)) == "<root>x</root>\n")
    }

    @Test func prettyPrintedOutputReadsBackTheSame() throws {
        let json: JSON = [
            "order": ["@id": "1", "customer": ["name": "Ada"], "line": ["a", "b"], "p": ["#text": "t", "x": "1"]]
        ]
        #expect(try xmlToJSON(try jsonToXML(json, .init(prettyPrint: true))) == json)
    }

    @Test func depthLimit() throws {
        var json: JSON = "x"
        for _ in 0..<300 { json = ["a": json] }
        #expect(conversionError { try jsonToXML(json) }?.code == .nestingTooDeep)
        var shallow: JSON = "x"
        for _ in 0..<255 { shallow = ["a": shallow] }
        #expect(conversionError { try jsonToXML(shallow) } == nil)
    }
}
