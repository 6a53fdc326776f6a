import Testing
import WeftJSON

@testable import WeftConnectors

/// Realistic documents and round trips through the converters.
@Suite("Converters: documents and round trips")
struct ConverterDocumentTests {
    static let invoiceXML = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Exported by the billing system -->
        <inv:Invoice xmlns:inv="urn:example:invoice:2" xmlns:addr="urn:example:address" number="INV-2024-0042" \
        currency="EUR">
          <inv:IssueDate>2024-03-15</inv:IssueDate>
          <inv:Seller>
            <inv:Name>Kanal &amp; Brücke GmbH</inv:Name>
            <addr:Address country="DE">
              <addr:Street>Hafenstraße 12</addr:Street>
              <addr:City>Hamburg</addr:City>
            </addr:Address>
          </inv:Seller>
          <inv:Line id="1">
            <inv:Description><![CDATA[Widgets <large>, boxed]]></inv:Description>
            <inv:Quantity unit="EA">10</inv:Quantity>
            <inv:Price>4.50</inv:Price>
          </inv:Line>
          <inv:Line id="2">
            <inv:Description>Delivery &#8211; express</inv:Description>
            <inv:Quantity unit="KM">1</inv:Quantity>
            <inv:Price>12</inv:Price>
          </inv:Line>
          <inv:Paid>false</inv:Paid>
          <inv:Note/>
        </inv:Invoice>
        """

    @Test func invoiceWithNamespacesAndAttributes() throws {
        let json = try xmlToJSON(Self.invoiceXML)
        let expected: JSON = [
            "inv:Invoice": [
                "@xmlns:inv": "urn:example:invoice:2",
                "@xmlns:addr": "urn:example:address",
                "@number": "INV-2024-0042",
                "@currency": "EUR",
                "inv:IssueDate": "2024-03-15",
                "inv:Seller": [
                    "inv:Name": "Kanal & Brücke GmbH",
                    "addr:Address": ["@country": "DE", "addr:Street": "Hafenstraße 12", "addr:City": "Hamburg"],
                ],
                "inv:Line": [
                    [
                        "@id": "1", "inv:Description": "Widgets <large>, boxed",
                        "inv:Quantity": ["@unit": "EA", "#text": "10"], "inv:Price": "4.50",
                    ],
                    [
                        "@id": "2", "inv:Description": "Delivery – express",
                        "inv:Quantity": ["@unit": "KM", "#text": "1"], "inv:Price": "12",
                    ],
                ],
                "inv:Paid": "false",
                "inv:Note": "",
            ]
        ]
        #expect(json == expected)
    }

    @Test func invoiceStrippedAndTyped() throws {
        let options = XMLToJSON.Options(
            alwaysArray: ["Line"],
            inferTypes: true,
            stripNamespacePrefixes: true,
            unwrapRoot: true
        )
        let json = try xmlToJSON(Self.invoiceXML, options)
        #expect(json["@number"] == "INV-2024-0042")
        #expect(json["Seller"]?["Address"]?["City"] == "Hamburg")
        #expect(json["Line"]?[0]?["Quantity"] == ["@unit": "EA", "#text": 10])
        #expect(json["Line"]?[1]?["Price"] == 12)
        #expect(json["Paid"] == false)
        #expect(json["@xmlns:inv"] == nil)
        let single = try xmlToJSON("<Invoice><Line><Price>1</Price></Line></Invoice>", options)
        #expect(single == ["Line": [["Price": 1]]])
    }

    @Test func invoiceRoundTripIsStable() throws {
        let json = try xmlToJSON(Self.invoiceXML)
        let xml = try jsonToXML(json)
        #expect(try xmlToJSON(xml) == json)
        #expect(try jsonToXML(try xmlToJSON(xml)) == xml)
        let pretty = try jsonToXML(json, .init(xmlDeclaration: true, prettyPrint: true))
        #expect(try xmlToJSON(pretty) == json)
    }

    @Test(arguments: [
        "<a>x</a>",
        #"<a id="1" name="n &amp; m"/>"#,
        #"<a><b>1</b><b>2</b><c x="y">t</c></a>"#,
        #"<r><e/><e>v</e><e k="1"/></r>"#,
        #"<ns:a xmlns:ns="urn:x"><ns:b ns:c="d">&lt;text&gt;</ns:b></ns:a>"#,
        "<a><b><c><d>deep</d></c></b></a>",
        #"<a v="line&#10;break&#9;tab">x &amp;&#13;y</a>"#,
        "<list><item><name>a</name></item><item><name>b</name><tags><t>1</t><t>2</t></tags></item></list>",
    ])
    func xmlRoundTrips(xml: String) throws {
        let json = try xmlToJSON(xml)
        let written = try jsonToXML(json)
        #expect(written == xml)
        #expect(try xmlToJSON(written) == json)
    }

    @Test func jsonRoundTripsThroughXMLForStringValues() throws {
        let json: JSON = [
            "order": [
                "@id": "A-1",
                "customer": ["name": "Ada <Lovelace>", "email": "ada@example.org"],
                "items": ["one", "two & three"],
                "note": "",
            ]
        ]
        #expect(try xmlToJSON(try jsonToXML(json)) == json)
    }

    static let exportCSV = #"""
        Order ID,Customer,Amount,Notes,Shipped\#r
        1001,"Smith, John",199.90,"Leave at the back door\#r
        Call first: ""555-0100""",true\#r
        1002,Müller GmbH,12,,false\#r
        1003,"O'Brien, Pat",-5.5,"Refund, see ticket #77",\#r

        """#

    @Test func csvExportWithQuotedCommasAndMultiLineNotes() throws {
        let json = try csvToJSON(Self.exportCSV)
        #expect(
            json == [
                [
                    "Order ID": "1001", "Customer": "Smith, John", "Amount": "199.90",
                    "Notes": "Leave at the back door\r\nCall first: \"555-0100\"", "Shipped": "true",
                ],
                ["Order ID": "1002", "Customer": "Müller GmbH", "Amount": "12", "Notes": "", "Shipped": "false"],
                [
                    "Order ID": "1003", "Customer": "O'Brien, Pat", "Amount": "-5.5", "Notes": "Refund, see ticket #77",
                    "Shipped": "",
                ],
            ]
        )
        let typed = try csvToJSON(Self.exportCSV, .init(inferTypes: true, emptyAsNull: true))
        #expect(typed[0]?["Amount"] == 199.9)
        #expect(typed[0]?["Shipped"] == true)
        #expect(typed[2]?["Shipped"] == nil as JSON)
    }

    @Test func csvRoundTripIsExact() throws {
        let json = try csvToJSON(Self.exportCSV)
        #expect(try jsonToCSV(json) == Self.exportCSV)
        #expect(try csvToJSON(try jsonToCSV(json)) == json)
    }

    @Test func jsonRoundTripsThroughCSVForFlatStringRows() throws {
        let json: JSON = [
            ["id": "1", "text": " padded ", "quote": "\"", "multi": "a\nb", "empty": ""],
            ["id": "2", "text": "x;y", "quote": "''", "multi": "", "empty": ""],
        ]
        #expect(try csvToJSON(try jsonToCSV(json)) == json)
        let semicolon = try jsonToCSV(json, .init(delimiter: ";", lineEnding: .lf))
        #expect(try csvToJSON(semicolon, .init(delimiter: ";")) == json)
    }

    @Test func fiveMegabyteCSV() throws {
        var csv = "id,name,email,amount,note,active\n"
        var row = 0
        while csv.utf8.count < 5_000_000 {
            row += 1
            csv += "\(row),Customer \(row),user\(row)@example.org,\(row % 1000).25,"
            csv += row % 10 == 0 ? "\"Note with a comma, and \"\"quotes\"\"\nover two lines\"" : "plain note"
            csv += ",\(row % 2 == 0)\n"
        }
        let json = try csvToJSON(csv, .init(inferTypes: true))
        let rows = try #require(json.arrayValue)
        #expect(rows.count == row)
        #expect(rows[9]["note"] == "Note with a comma, and \"quotes\"\nover two lines")
        #expect(rows[row - 1]["id"] == .number(Double(row)))
        let back = try jsonToCSV(json, .init(lineEnding: .lf))
        #expect(back == csv)
    }
}
