import Testing
import WeftJSON

@testable import WeftConnectors

@Suite("XML to JSON: mapping")
struct XMLToJSONMappingTests {
    @Test func leafElementBecomesString() throws {
        #expect(try xmlToJSON("<greeting>hello</greeting>") == ["greeting": "hello"])
    }

    @Test func emptyAndSelfClosingElementsBecomeEmptyStrings() throws {
        #expect(try xmlToJSON("<a><b/><c></c><d  /></a>") == ["a": ["b": "", "c": "", "d": ""]])
    }

    @Test func attributesArePrefixedMembersBeforeChildren() throws {
        let json = try xmlToJSON(#"<user id="7" role='admin'><name>Ada</name></user>"#)
        #expect(json == ["user": ["@id": "7", "@role": "admin", "name": "Ada"]])
        #expect(json["user"]?.objectValue?.keys.elementsEqual(["@id", "@role", "name"]) == true)
    }

    @Test func textBesideAttributesGoesToTextKey() throws {
        let json = try xmlToJSON(#"<price currency="EUR">12.50</price>"#)
        #expect(json == ["price": ["@currency": "EUR", "#text": "12.50"]])
    }

    @Test func attributeOnlyElementHasNoTextMember() throws {
        #expect(try xmlToJSON(#"<flag on="yes"/>"#) == ["flag": ["@on": "yes"]])
    }

    @Test func customPrefixAndTextKey() throws {
        let options = XMLToJSON.Options(attributePrefix: "_", textKey: "value")
        #expect(try xmlToJSON(#"<p unit="kg">3</p>"#, options) == ["p": ["_unit": "kg", "value": "3"]])
    }

    @Test func emptyAttributePrefixMergesCollidingNamesIntoAnArray() throws {
        let options = XMLToJSON.Options(attributePrefix: "")
        #expect(try xmlToJSON(#"<a id="1"><id>2</id></a>"#, options) == ["a": ["id": ["1", "2"]]])
    }

    @Test func repeatedSiblingsBecomeArrayAtFirstPosition() throws {
        let json = try xmlToJSON("<list><item>a</item><count>2</count><item>b</item></list>")
        #expect(json == ["list": ["item": ["a", "b"], "count": "2"]])
        #expect(json["list"]?.objectValue?.keys.elementsEqual(["item", "count"]) == true)
    }

    @Test func alwaysArrayKeepsSingleElementsInArrays() throws {
        let options = XMLToJSON.Options(alwaysArray: ["item"])
        #expect(try xmlToJSON("<list><item>a</item></list>", options) == ["list": ["item": ["a"]]])
        #expect(try xmlToJSON("<list><item>a</item><item>b</item></list>", options) == ["list": ["item": ["a", "b"]]])
        #expect(try xmlToJSON("<list><other>a</other></list>", options) == ["list": ["other": "a"]])
    }

    @Test func typeInferenceIsOffByDefault() throws {
        #expect(try xmlToJSON("<a><n>12</n><b>true</b></a>") == ["a": ["n": "12", "b": "true"]])
    }

    @Test func typeInferenceConvertsNumbersAndBooleans() throws {
        let options = XMLToJSON.Options(inferTypes: true)
        let xml = #"<a v="2.5"><n>12</n><neg>-3e2</neg><t>true</t><f>false</f><zip>007</zip><s>12 apples</s></a>"#
        let json = try xmlToJSON(xml, options)
        #expect(
            json == ["a": ["@v": 2.5, "n": 12, "neg": -300, "t": true, "f": false, "zip": "007", "s": "12 apples"]])
    }

    @Test func typeInferenceKeepsHugeIntegersAsStrings() throws {
        let options = XMLToJSON.Options(inferTypes: true)
        #expect(try xmlToJSON("<id>123456789012345678901</id>", options) == ["id": "123456789012345678901"])
        #expect(try xmlToJSON("<id>9007199254740992</id>", options) == ["id": 9_007_199_254_740_992])
    }

    @Test func namespacePrefixesAreKeptByDefault() throws {
        let xml = #"<inv:doc xmlns:inv="urn:inv" inv:lang="en"><inv:line>x</inv:line></inv:doc>"#
        #expect(
            try xmlToJSON(xml) == ["inv:doc": ["@xmlns:inv": "urn:inv", "@inv:lang": "en", "inv:line": "x"]]
        )
    }

    @Test func namespacePrefixesCanBeStripped() throws {
        let xml = #"<inv:doc xmlns="urn:d" xmlns:inv="urn:inv" inv:lang="en"><inv:line>x</inv:line></inv:doc>"#
        let options = XMLToJSON.Options(stripNamespacePrefixes: true)
        #expect(try xmlToJSON(xml, options) == ["doc": ["@lang": "en", "line": "x"]])
    }

    @Test func cdataIsText() throws {
        #expect(try xmlToJSON("<a><![CDATA[<b>&amp;</b>]]></a>") == ["a": "<b>&amp;</b>"])
        #expect(try xmlToJSON("<a>x <![CDATA[y]]> z</a>") == ["a": "x y z"])
    }

    @Test func predefinedEntitiesAreResolved() throws {
        #expect(try xmlToJSON("<a>&amp; &lt; &gt; &quot; &apos;</a>") == ["a": "& < > \" '"])
    }

    @Test func characterReferencesAreResolved() throws {
        #expect(try xmlToJSON("<a>&#65;&#x42;&#x1F600;</a>") == ["a": "AB😀"])
        let trimmedOff = XMLToJSON.Options(trimText: false)
        #expect(try xmlToJSON("<a>x&#10;y</a>", trimmedOff) == ["a": "x\ny"])
    }

    @Test func commentsAndProcessingInstructionsAreSkipped() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- leading comment -->
            <?xml-stylesheet href="style.xsl"?>
            <a><!-- inside --><b>1</b><?app data?></a>
            <!-- trailing comment -->
            """
        #expect(try xmlToJSON(xml) == ["a": ["b": "1"]])
    }

    @Test func byteOrderMarkIsSkipped() throws {
        #expect(try xmlToJSON("\u{FEFF}<?xml version=\"1.0\"?><a>1</a>") == ["a": "1"])
    }

    @Test func whitespaceOnlyTextIsIgnored() throws {
        let xml = """
            <order>
                <id>1</id>
                <note>   </note>
            </order>
            """
        #expect(try xmlToJSON(xml) == ["order": ["id": "1", "note": ""]])
    }

    @Test func textIsTrimmedByDefaultAndKeptWhenAsked() throws {
        #expect(try xmlToJSON("<a>  hi  </a>") == ["a": "hi"])
        #expect(try xmlToJSON("<a>  hi  </a>", .init(trimText: false)) == ["a": "  hi  "])
    }

    @Test func mixedContentGathersText() throws {
        let json = try xmlToJSON("<p>Hello <b>you</b> there</p>")
        #expect(json == ["p": ["#text": "Hello  there", "b": "you"]])
    }

    @Test func lineEndsAreNormalised() throws {
        let options = XMLToJSON.Options(trimText: false)
        #expect(try xmlToJSON("<a>1\r\n2\r3\n4</a>", options) == ["a": "1\n2\n3\n4"])
    }

    @Test func attributeWhitespaceIsNormalisedButReferencesKept() throws {
        #expect(try xmlToJSON("<a v=\"x\ty\r\nz&#10;w\"/>") == ["a": ["@v": "x y z\nw"]])
    }

    @Test func unwrapRootReturnsTheRootValue() throws {
        #expect(try xmlToJSON("<a><b>1</b></a>", .init(unwrapRoot: true)) == ["b": "1"])
        #expect(try xmlToJSON("<a>1</a>", .init(unwrapRoot: true)) == "1")
    }

    @Test func plainDoctypeIsSkipped() throws {
        #expect(try xmlToJSON("<!DOCTYPE note SYSTEM \"note.dtd\"><note>x</note>") == ["note": "x"])
        #expect(try xmlToJSON("<!DOCTYPE html><html/>") == ["html": ""])
        let withElementDeclarations = """
            <!DOCTYPE note [
              <!ELEMENT note (#PCDATA)>
              <!-- a comment mentioning <!ENTITY is fine -->
              <!ATTLIST note lang CDATA "en]">
            ]>
            <note>x</note>
            """
        #expect(try xmlToJSON(withElementDeclarations) == ["note": "x"])
    }

    @Test func unicodeNamesAndText() throws {
        #expect(
            try xmlToJSON("<größe einheit=\"m²\">1,5 – ok</größe>") == [
                "größe": ["@einheit": "m²", "#text": "1,5 – ok"]
            ])
    }

    @Test func maximumDepthIsInclusive() throws {
        let depth = 256
        let xml = String(repeating: "<a>", count: depth) + "x" + String(repeating: "</a>", count: depth)
        var expected: JSON = "x"
        for _ in 0..<depth { expected = ["a": expected] }
        #expect(try xmlToJSON(xml) == expected)
    }
}

@Suite("XML to JSON: errors and limits")
struct XMLToJSONErrorTests {
    @Test func mismatchedClosingTagPointsAtIt() {
        let error = conversionError { try xmlToJSON("<a>\n  <b>x</c>\n</a>") }
        #expect(error?.code == .mismatchedTag)
        #expect(error?.line == 2)
        #expect(error?.column == 7)
        #expect(error?.message.contains("</c>") == true)
        #expect(error?.message.contains("<b>") == true)
        #expect(error?.description.hasPrefix("line 2, column 7: ") == true)
    }

    @Test func crlfCountsAsOneLineBreakInPositions() {
        let error = conversionError { try xmlToJSON("<a>\r\n<b>\r\n</a>") }
        #expect(error?.line == 3)
        #expect(error?.column == 1)
    }

    @Test func unclosedElementPointsAtItsStartTag() {
        let error = conversionError { try xmlToJSON("<a>\n <b>text") }
        #expect(error?.code == .unclosed)
        #expect(error?.line == 2)
        #expect(error?.column == 2)
        #expect(error?.message.contains("<b>") == true)
    }

    @Test func undefinedEntity() {
        let error = conversionError { try xmlToJSON("<a>&nbsp;</a>") }
        #expect(error?.code == .undefinedEntity)
        #expect(error?.line == 1)
        #expect(error?.column == 4)
    }

    @Test func bareAmpersand() {
        let error = conversionError { try xmlToJSON("<a>fish & chips</a>") }
        #expect(error?.code == .malformed)
        #expect(error?.column == 9)
    }

    @Test func textAfterTheRoot() {
        let error = conversionError { try xmlToJSON("<a/>\ntrailing") }
        #expect(error?.code == .malformed)
        #expect(error?.line == 2)
        #expect(error?.column == 1)
        #expect(error?.message.contains("after the root") == true)
    }

    @Test func secondRootElement() {
        #expect(conversionError { try xmlToJSON("<a/><b/>") }?.message.contains("only one root") == true)
    }

    @Test func textBeforeTheRootAndNoRoot() {
        #expect(conversionError { try xmlToJSON("hello <a/>") }?.message.contains("before the root") == true)
        #expect(conversionError { try xmlToJSON("") }?.message.contains("no root") == true)
        #expect(conversionError { try xmlToJSON("<!-- only a comment -->") }?.message.contains("no root") == true)
    }

    @Test func closingTagWithoutOpening() {
        #expect(conversionError { try xmlToJSON("</a>") }?.code == .malformed)
        #expect(conversionError { try xmlToJSON("<a/></a>") }?.code == .mismatchedTag)
    }

    @Test func malformedTags() {
        #expect(conversionError { try xmlToJSON("<a b=1/>") }?.message.contains("quoted value") == true)
        #expect(conversionError { try xmlToJSON("<a b/>") }?.message.contains("'='") == true)
        #expect(conversionError { try xmlToJSON("<a b=\"1\"c=\"2\"/>") }?.code == .malformed)
        #expect(conversionError { try xmlToJSON("<a x=\"1\" x=\"2\"/>") }?.message.contains("twice") == true)
        #expect(conversionError { try xmlToJSON("<a v=\"<\"/>") }?.message.contains("&lt;") == true)
        #expect(conversionError { try xmlToJSON("< a/>") }?.code == .malformed)
        #expect(conversionError { try xmlToJSON("<1a/>") }?.code == .malformed)
        #expect(conversionError { try xmlToJSON("<a") }?.code == .unclosed)
        #expect(conversionError { try xmlToJSON("<a v=\"1") }?.code == .unclosed)
        #expect(conversionError { try xmlToJSON("<a /x>") }?.code == .malformed)
        #expect(conversionError { try xmlToJSON("<a></a x>") }?.code == .malformed)
    }

    @Test func unclosedCommentCDATAAndProcessingInstruction() {
        #expect(conversionError { try xmlToJSON("<a><!-- no end</a>") }?.code == .unclosed)
        #expect(conversionError { try xmlToJSON("<a><![CDATA[ no end</a>") }?.code == .unclosed)
        #expect(conversionError { try xmlToJSON("<a><?pi no end</a>") }?.code == .unclosed)
        #expect(conversionError { try xmlToJSON("<!DOCTYPE a [ <!ELEMENT a ANY> <a/>") }?.code == .unclosed)
    }

    @Test func xmlDeclarationOnlyAtTheStart() {
        let error = conversionError { try xmlToJSON("\n<?xml version=\"1.0\"?><a/>") }
        #expect(error?.message.contains("only at the very start") == true)
        #expect(error?.line == 2)
    }

    @Test func illegalCharacters() {
        #expect(conversionError { try xmlToJSON("<a>&#0;</a>") }?.message.contains("not a legal") == true)
        #expect(conversionError { try xmlToJSON("<a>&#xD800;</a>") }?.code == .malformed)
        #expect(conversionError { try xmlToJSON("<a>&#x110000;</a>") }?.code == .malformed)
        #expect(conversionError { try xmlToJSON("<a>&#99999999999999999999;</a>") }?.code == .malformed)
        #expect(conversionError { try xmlToJSON("<a>&#;</a>") }?.message.contains("malformed") == true)
        #expect(conversionError { try xmlToJSON("<a>&#X41;</a>") }?.code == .malformed)
        #expect(conversionError { try xmlToJSON("<a>&#x41</a>") }?.code == .malformed)
        #expect(conversionError { try xmlToJSON("<a>\u{01}</a>") }?.message.contains("U+0001") == true)
    }

    @Test func markupDeclarationsInContentAreRejected() {
        #expect(conversionError { try xmlToJSON("<a><!DOCTYPE a></a>") }?.code == .malformed)
        #expect(
            conversionError { try xmlToJSON("<!DOCTYPE a><!DOCTYPE a><a/>") }?.message.contains("one DOCTYPE") == true)
    }

    @Test func columnsCountCharactersNotBytes() {
        let error = conversionError { try xmlToJSON("<a>äöü &bad;</a>") }
        #expect(error?.column == 8)
    }

    @Test func billionLaughsIsRefused() {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
            ]>
            <lolz>&lol3;</lolz>
            """
        let error = conversionError { try xmlToJSON(xml) }
        #expect(error?.code == .entityDeclaration)
        #expect(error?.line == 3)
        #expect(error?.column == 3)
    }

    @Test func externalEntityIsRefused() {
        let xml = """
            <!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <foo>&xxe;</foo>
            """
        #expect(conversionError { try xmlToJSON(xml) }?.code == .entityDeclaration)
        let parameterEntity =
            #"<!DOCTYPE foo [ <!ENTITY % remote SYSTEM "http://example.invalid/x.dtd"> %remote; ]><foo/>"#
        #expect(conversionError { try xmlToJSON(parameterEntity) }?.code == .entityDeclaration)
    }

    @Test func entityReferenceWithoutDeclarationIsUndefined() {
        #expect(conversionError { try xmlToJSON("<foo>&xxe;</foo>") }?.code == .undefinedEntity)
    }

    @Test func nestingBeyondTheLimitIsRefused() {
        let depth = 257
        let xml = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        let error = conversionError { try xmlToJSON(xml) }
        #expect(error?.code == .nestingTooDeep)
        #expect(error?.column == 256 * 3 + 1)
        #expect(error?.message.contains("256") == true)
    }

    @Test func veryDeepNestingFailsCleanly() {
        let depth = 200_000
        let xml = String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        #expect(conversionError { try xmlToJSON(xml) }?.code == .nestingTooDeep)
    }

    @Test func manyAttributesStayLinearAndDuplicatesAreFound() throws {
        let count = 50_000
        var xml = "<a"
        for index in 0..<count { xml += " a\(index)=\"\(index)\"" }
        let json = try xmlToJSON(xml + "/>")
        #expect(json["a"]?.objectValue?.count == count)
        #expect(json["a"]?["@a49999"] == "49999")
        let error = conversionError { try xmlToJSON(xml + " a20000=\"x\"/>") }
        #expect(error?.message == "the attribute 'a20000' appears twice in <a>")
        #expect(conversionError { try xmlToJSON(#"<a a1="1" a2="2" a1="3"/>"#) }?.message.contains("twice") == true)
    }

    @Test func customDepthLimit() throws {
        let options = XMLToJSON.Options(maximumDepth: 2)
        #expect(try xmlToJSON("<a><b/></a>", options) == ["a": ["b": ""]])
        #expect(conversionError { try xmlToJSON("<a><b><c/></b></a>", options) }?.code == .nestingTooDeep)
    }

    @Test func inputSizeLimit() throws {
        let options = XMLToJSON.Options(maximumInputBytes: 10)
        #expect(try xmlToJSON("<a>12</a>", options) == ["a": "12"])
        let error = conversionError { try xmlToJSON("<a>12345</a>", options) }
        #expect(error?.code == .inputTooLarge)
        #expect(error?.line == nil)
        #expect(error?.description == "the XML document is 12 bytes, more than the limit of 10 bytes")
    }
}
