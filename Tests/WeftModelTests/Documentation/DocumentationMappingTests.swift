import Testing

@testable import WeftModel

/// Field mapping tables read from JSONata object constructors and structured action inputs.
@Suite("Documentation: field mapping tables")
struct DocumentationMappingTests {
    static let orderFlow = """
        weft: 1
        flow: orders
        steps:
          - id: order
            map: |
              {
                "externalId": "shopify-" & $string(id),
                "entity": { "id": $steps.customer.id },
                "tranDate": $substring(created_at, 0, 10),
                "currency": { "refName": $uppercase(currency) },
                "memo": note,
                "total": $number(total_price),
                "item": {
                  "items": line_items.{
                    "item": { "externalId": sku },
                    "quantity": quantity,
                    "amount": $number(price) * quantity
                  }
                },
                "discount": $sum(discount_codes.amount),
                "channel": "web"
              }
        tests:
          - name: the sample shows line_items is a list
            trigger: { id: 1, line_items: [{ sku: A-1, quantity: 2, price: "9.50" }] }
        """

    @Test("a realistic order mapping gives one row per leaf, nested and array targets as paths")
    func orderMapping() throws {
        let documentation = FlowDocumentation(flow: try DocsSupport.flow(Self.orderFlow))
        let rows = DocsSupport.rows(documentation, step: "order")
        #expect(
            rows.map(\.target) == [
                "externalId", "entity.id", "tranDate", "currency.refName", "memo", "total",
                "item.items[].item.externalId", "item.items[].quantity", "item.items[].amount", "discount", "channel",
            ])
        let byTarget = Dictionary(uniqueKeysWithValues: rows.map { ($0.target, $0) })
        #expect(byTarget["tranDate"]?.sources == ["created_at"])
        #expect(byTarget["tranDate"]?.transformation == "first 10 characters")
        #expect(byTarget["tranDate"]?.expression == "$substring(created_at, 0, 10)")
        #expect(byTarget["memo"]?.transformation == "copied")
        #expect(byTarget["entity.id"]?.sources == ["$steps.customer.id"])
        #expect(byTarget["entity.id"]?.transformation == "copied")
        #expect(byTarget["currency.refName"]?.transformation == "upper-cased")
        #expect(byTarget["total"]?.transformation == "as a number")
        #expect(byTarget["externalId"]?.transformation == "concatenated")
        #expect(byTarget["externalId"]?.sources == ["id"])
        #expect(byTarget["item.items[].item.externalId"]?.sources == ["line_items[].sku"])
        #expect(byTarget["item.items[].quantity"]?.transformation == "copied")
        #expect(byTarget["item.items[].amount"]?.sources == ["line_items[].price", "line_items[].quantity"])
        #expect(byTarget["item.items[].amount"]?.transformation == "calculated")
        #expect(byTarget["discount"]?.transformation == "sum of discount_codes.amount")
        #expect(byTarget["channel"]?.transformation == "constant")
        #expect(byTarget["channel"]?.sources == [])
        #expect(rows.allSatisfy { $0.origin == "written by hand" })
    }

    @Test("the Markdown table shows target, source, transformation and origin")
    func markdownRow() throws {
        let markdown = FlowDocumentation(flow: try DocsSupport.flow(Self.orderFlow)).markdown()
        #expect(markdown.contains("| Target field | Source | Transformation | Origin |"))
        #expect(
            markdown.contains(
                "| `tranDate` | `created_at` | first 10 characters (`$substring(created_at, 0, 10)`) | written by hand |"
            ))
        #expect(markdown.contains("| `memo` | `note` | copied | written by hand |"))
    }

    @Test(
        "function calls are put in words",
        arguments: [
            ("$uppercase(name)", "upper-cased"),
            ("$lowercase(email)", "lower-cased"),
            ("$substring(code, 0, 3)", "first 3 characters"),
            ("$substring(code, 2, 4)", "4 characters from position 2"),
            ("$number(amount)", "as a number"),
            ("$string(id)", "as text"),
            ("$sum(lines.price)", "sum of lines.price"),
            ("$round(amount, 2)", "rounded to 2 decimals"),
            ("$uppercase($substring(code, 0, 2))", "first 2 characters, then upper-cased"),
            ("first & \" \" & last", "concatenated"),
            ("price * quantity", "calculated"),
            ("qty > 0 ? \"in stock\" : \"out\"", "conditional"),
            ("$now()", "the current time"),
            ("$frobnicate(x)", "computed with $frobnicate"),
            ("\"EUR\"", "constant"),
            ("42", "constant"),
        ])
    func wording(expression: String, words: String) throws {
        let rows = MappingReader.rows(value: expression, target: "field", origins: [:])
        #expect(rows.count == 1)
        #expect(rows.first?.transformation == words)
    }

    @Test("an action's structured input gets a table, with nested fields as dot paths")
    func actionInput() throws {
        let flow = try DocsSupport.flow(
            steps: """
                  - id: customer
                    action: netsuite/find_customer
                    input:
                      email: $lowercase(email)
                      filter: { subsidiary: $vars.subsidiary, active: true }
                      tags: [ "shop", source ]
                """)
        let documentation = FlowDocumentation(flow: flow)
        let table = try #require(documentation.mappingTables.first)
        #expect(table.kind == .actionInput)
        #expect(table.rows.map(\.target) == ["email", "filter.subsidiary", "filter.active", "tags[0]", "tags[1]"])
        #expect(table.rows[0].transformation == "lower-cased")
        #expect(table.rows[1].sources == ["$vars.subsidiary"])
        #expect(table.rows[2].transformation == "constant")
        #expect(table.rows[4].transformation == "copied")
    }

    @Test("an expression that is not an object constructor is shown whole")
    func fallback() throws {
        let flow = try DocsSupport.flow(
            steps: """
                  - id: merge
                    map: '$merge([$, { "seen": true }])'
                """)
        let documentation = FlowDocumentation(flow: flow)
        let table = try #require(documentation.mappingTables.first)
        #expect(table.rows.isEmpty)
        #expect(table.expression == "$merge([$, { \"seen\": true }])")
        #expect(documentation.markdown().contains("```jsonata\n$merge([$, { \"seen\": true }])\n```"))
    }

    @Test("an expression that is not an object constructor is shown once, as written, with its step")
    func fallbackShownOnce() throws {
        let flow = try DocsSupport.flow(
            steps: """
                  - id: first
                    map: $
                  - id: merge
                    map: |
                      (
                        $seen := true;
                        $merge([$, { "seen": $seen }])
                      )
                """)
        let documentation = FlowDocumentation(flow: flow)
        let markdown = documentation.markdown()
        #expect(DocsSupport.count("$merge([$, {", in: markdown) == 1)
        #expect(markdown.contains("```jsonata\n(\n  $seen := true;\n  $merge([$, { \"seen\": $seen }])\n)\n```"))
        #expect(
            markdown.contains(
                "### Field mappings: `merge`\n\nThe expression builds the output of the map step as a whole rather "
                    + "than field by field (it is not a plain object constructor); it is shown in full under step 2 above."
            ))
        let html = documentation.html()
        #expect(DocsSupport.count("$merge([$, {", in: html) == 1)
        #expect(html.contains("shown in full under <a href=\"#step-merge\">step 2</a> above."))
    }

    @Test("origins mark fields accepted from suggestions; step-qualified keys win")
    func origins() throws {
        let documentation = FlowDocumentation(
            flow: try DocsSupport.flow(Self.orderFlow), apps: [:],
            origins: ["memo": "suggested (0.71)", "order/tranDate": "suggested (0.93)", "other/memo": "x"])
        let rows = DocsSupport.rows(documentation, step: "order")
        #expect(rows.first { $0.target == "memo" }?.origin == "suggested (0.71)")
        #expect(rows.first { $0.target == "tranDate" }?.origin == "suggested (0.93)")
        #expect(rows.first { $0.target == "total" }?.origin == "written by hand")
    }

    @Test("keys, strings with braces and commas, and comments do not confuse the reader")
    func tokenizerEdges() throws {
        let rows = try #require(
            MappingReader.rows(
                expression: """
                    /* header */ { 'a,b': "x}y", "n": $join([first, last], ", "), `odd key`: `field name` }
                    """, origins: [:]))
        #expect(rows.map(\.target) == ["a,b", "n", "odd key"])
        #expect(rows[0].transformation == "constant")
        #expect(rows[1].transformation == "joined with \u{201C}, \u{201D}")
        #expect(rows[1].sources == ["first", "last"])
        #expect(rows[2].sources == ["field name"])
        #expect(rows[2].transformation == "copied")
    }

    // MARK: Regular expressions

    @Test("regular expression literals are not read as source fields")
    func regexLiterals() throws {
        let flow = try DocsSupport.flow(
            steps: #"""
                  - id: shape
                    map: '{ "words": $split(name, /\s+/), "digits": $replace(phone, /\D/, ""), "ok": $contains(path, /[/]x\/y/i) }'
                """#)
        let rows = DocsSupport.rows(FlowDocumentation(flow: flow), step: "shape")
        #expect(rows.map(\.target) == ["words", "digits", "ok"])
        #expect(rows.map(\.sources) == [["name"], ["phone"], ["path"]])
        #expect(rows[0].transformation == "split at /\\s+/")
        #expect(rows[1].expression == #"$replace(phone, /\D/, "")"#)
    }

    @Test("a slash after an operand divides; where an operand is due it starts a regular expression")
    func regexOrDivision() throws {
        let rows = try #require(
            MappingReader.rows(
                expression:
                    #"{ "half": total / 2, "ratio": (a + b) / c / d, "unit": price/qty, "all": items.*/n, "m": $match(s, /a|b/) and flag }"#,
                origins: [:]))
        #expect(
            rows.map(\.sources) == [
                ["total"], ["a", "b", "c", "d"], ["price", "qty"], ["items", "n"], ["s", "flag"],
            ])
        let tokens = try #require(ExpressionToken.tokenize(Array(#"$split(a, /\s+/gi) / 2"#.unicodeScalars)))
        #expect(
            tokens.map(\.kind) == [
                .variable, .punctuation, .name, .punctuation, .regex, .punctuation, .punctuation, .number,
            ])
        #expect(tokens[4].value == #"\s+"#)
        #expect(ExpressionToken.tokenize(Array("$split(a, /unclosed)".unicodeScalars)) == nil)
    }

    // MARK: Lists and single values

    @Test("`path.{ }` is a list mapping only where the flow shows the path is a list")
    func listsOnlyWhenKnown() throws {
        let flow = try DocsSupport.flow(
            """
            weft: 1
            flow: shapes
            steps:
              - id: order
                map: '{ "ship_to": $merge([shipping, { "x": 1 }]), "address": { "name": "n" }, "lines": [lines.{ "sku": sku }] }'
              - id: each
                foreach: { items: $steps.order.lines, steps: [{ id: line, map: '{ "sku": sku, "ok": true }' }] }
              - id: shipment
                map: |
                  {
                    "ship_to": $steps.order.ship_to.{ "name": name },
                    "address": $steps.order.address.{ "name": name },
                    "lines": $steps.order.lines.{ "sku": sku },
                    "each": $steps.each.{ "sku": sku },
                    "oks": $count($steps.each[ok].sku),
                    "unknown": $trigger.body.things.{ "x": x },
                    "bound": ($l := $steps.order.lines; $l.{ "sku": sku, "n": $vars.n })
                  }
            """)
        let rows = DocsSupport.rows(FlowDocumentation(flow: flow), step: "shipment")
        #expect(
            rows.map(\.target) == [
                "ship_to.name", "address.name", "lines[].sku", "each[].sku", "oks", "unknown.x", "bound",
            ])
        #expect(
            rows.map(\.sources) == [
                ["$steps.order.ship_to.name"], ["$steps.order.address.name"], ["$steps.order.lines[].sku"],
                ["$steps.each[].sku"], ["$steps.each[].ok", "$steps.each.sku"], ["$trigger.body.things.x"],
                ["$steps.order.lines", "$vars.n"],
            ])
    }

    @Test("app output schemas, paged actions and the tests' messages and mocks show lists")
    func listsFromSchemasAndSamples() throws {
        let app = try DocsSupport.app(
            """
            weft: 1
            app: shop
            name: Shop
            version: 1.0.0
            base_url: https://shop.test
            auth: { type: none }
            actions:
              orders: { path: /orders, output: { type: array, items: { $ref: "#/schemas/Order" } } }
              paged: { path: /orders, records: data, output: { $ref: "#/schemas/Order" } }
              one: { path: /order, output: { $ref: "#/schemas/Order" } }
              untyped: { path: /x }
            schemas:
              Order: { type: object, properties: { id: { type: string }, lines: { type: array }, customer: { type: object } } }
            """)
        let flow = try DocsSupport.flow(
            """
            weft: 1
            flow: shapes
            steps:
              - { id: orders, action: shop/orders }
              - { id: paged, action: shop/paged }
              - { id: one, action: shop/one }
              - { id: untyped, action: shop/untyped }
              - id: result
                map: |
                  {
                    "a": $steps.orders.{ "id": id },
                    "b": $steps.paged.{ "id": id },
                    "c": $steps.one.lines.{ "id": id },
                    "d": $steps.one.customer.{ "id": id },
                    "e": $steps.untyped.items.{ "id": id },
                    "f": rows.{ "id": id },
                    "g": things.{ "id": id }
                  }
            tests:
              - name: samples
                trigger: { rows: [{ id: 1 }], things: { id: 2 } }
                mocks: { untyped: { items: [] } }
            """)
        let documentation = FlowDocumentation(flow: flow, apps: ["shop": app])
        let rows = DocsSupport.rows(documentation, step: "result")
        #expect(rows.map(\.target) == ["a[].id", "b[].id", "c[].id", "d.id", "e[].id", "f.id", "g.id"])
        // `result` reads the output of `untyped`, not the trigger's message: `rows` and `things` are unknown there.
        #expect(
            rows.map(\.sources) == [
                ["$steps.orders[].id"], ["$steps.paged[].id"], ["$steps.one.lines[].id"], ["$steps.one.customer.id"],
                ["$steps.untyped.items[].id"], ["rows.id"], ["things.id"],
            ])
    }

    @Test("the first step reads the trigger's message as the tests show it; a webhook's message is the body")
    func triggerSamples() throws {
        let flow = try DocsSupport.flow(
            """
            weft: 1
            flow: hook
            trigger: { webhook: {} }
            steps:
              - id: shape
                map: '{ "rows": rows.{ "id": id }, "thing": thing.{ "id": id }, "n": headers.{ "id": id } }'
            tests:
              - { name: one, trigger: { body: { rows: [], thing: { id: 1 } }, headers: [1] } }
              - { name: two, trigger: { body: { rows: null } } }
            """)
        let rows = DocsSupport.rows(FlowDocumentation(flow: flow), step: "shape")
        #expect(rows.map(\.target) == ["rows[].id", "thing.id", "n.id"])
    }

    // MARK: Local variables

    @Test("variables bound in the expression are not sources; $, $$, $steps, $trigger, $vars and $item are")
    func localVariables() throws {
        let rows = MappingReader.rows(
            value: """
                (
                  $o := $steps.order;
                  $icon := $o.zone = "eu" ? ":eu:" : ":earth:";
                  $fmt := function($amount, $unit) { $formatNumber($amount, "#") & $unit };
                  $icon & $o.number & $fmt($o.total, $vars.unit) & $join(lines#$i.(sku & $i), ",")
                    & $map(items, function($it) { $it.name & $trigger.body.x }) & $ & $$.id & $item.sku
                )
                """, target: "text", origins: [:])
        #expect(
            rows.first?.sources == [
                "$steps.order", "$vars.unit", "lines.sku", "items", "$trigger.body.x", "$", "$$.id", "$item.sku",
            ])
        let list = try #require(TokenList("$a := 1; function($b, $c) { $b }; x#$d@$e; $f.g; $$; $"))
        #expect(list.boundVariables == ["$a", "$b", "$c", "$d", "$e"])
    }
}
