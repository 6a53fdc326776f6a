import Testing

@testable import WeftModel

@Suite("Flow checker")
struct FlowCheckerTests {
    static let apps: [String: AppManifest] = {
        var apps: [String: AppManifest] = [:]
        for (id, auth) in [("shop", "{ type: bearer, token: t }"), ("open", "{ type: none }")] {
            let (app, diagnostics) = Snippet.app(
                """
                weft: 1
                app: \(id)
                name: App
                version: 1.0.0
                base_url: https://\(id).example
                auth: \(auth)
                actions: { list_orders: { path: /orders }, create_order: { method: POST, path: /orders } }
                """)
            precondition(diagnostics.isEmpty, "\(diagnostics)")
            apps[id] = app
        }
        return apps
    }()

    /// Reads a flow (which must read cleanly) and checks it.
    static func check(
        _ yaml: String, apps: [String: AppManifest] = apps, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> [Diagnostic] {
        let (flow, diagnostics) = Snippet.flow("weft: 1\nflow: f\n" + yaml)
        #expect(diagnostics.isEmpty, "\(diagnostics)", sourceLocation: sourceLocation)
        return FlowChecker(apps: apps).check(try #require(flow, sourceLocation: sourceLocation))
    }

    static func codes(_ diagnostics: [Diagnostic]) -> [String] { diagnostics.map(\.code) }

    @Test("a consistent flow has no problems")
    func consistent() throws {
        let diagnostics = try Self.check(
            """
            connections: { shop-main: shop }
            steps:
              - id: fetch
                action: shop/list_orders
                connection: shop-main
              - id: shape
                map: $steps.fetch.orders
              - id: each
                foreach:
                  items: $steps.shape
                  steps:
                    - id: one
                      map: $steps.fetch
                    - id: two
                      map: $steps.one
            tests:
              - name: t
                mocks: { fetch: [] }
                failures: { two: boom }
                expect: { shape.output: [], run.state: succeeded }
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    // MARK: - Step references

    @Test("references to later, unknown and own steps")
    func references() throws {
        let diagnostics = try Self.check(
            """
            steps:
              - id: first
                map: $steps.second.x
              - id: second
                map: $steps.secnd
              - id: third
                map: $steps.third
            """)
        #expect(Self.codes(diagnostics) == ["step-not-yet-run", "unknown-step", "step-not-yet-run"])
        #expect(diagnostics[0].message.contains("`second` has not run yet"))
        #expect(diagnostics[1].hint == "did you mean `second`?")
        #expect(diagnostics.map(\.location.line) == [5, 7, 9])
    }

    @Test("references in templates, bodies, conditions, items, inputs and file contents are checked")
    func referencesEverywhere() throws {
        let diagnostics = try Self.check(
            """
            connections: { shop-main: shop }
            steps:
              - id: a
                http:
                  url: "https://x/{{ $steps.n1 }}"
                  headers: { X: "{{ $steps.n2 }}" }
                  query: { q: "{{ $steps.n3 }}" }
                  body: { b: $steps.n4 }
              - id: b
                switch:
                  cases: [{ when: $steps.n5, steps: [{ id: c, map: $ }] }]
              - id: d
                foreach: { items: $steps.n6, steps: [{ id: e, map: $ }] }
              - id: f
                convert: { from: csv, to: json, input: $steps.n7 }
              - id: g
                file: { path: "/x/{{ $steps.n8 }}", content: $steps.n9 }
              - id: h
                action: shop/list_orders
                connection: shop-main
                input: { x: $steps.n10 }
            """)
        #expect(Self.codes(diagnostics) == Array(repeating: "unknown-step", count: 10))
        #expect(diagnostics.map { $0.message.contains("in step `") }.allSatisfy { $0 })
    }

    @Test("a reference inside a template hole is located at its `$steps`")
    func referenceInHole() throws {
        let diagnostics = try Self.check(
            """
            steps:
              - id: a
                http:
                  url: "https://x/\\"{{ $steps.nope }}"
            """)
        #expect(Self.codes(diagnostics) == ["unknown-step"])
        #expect(diagnostics.map { [$0.location.line, $0.location.column] } == [[6, 28]])
    }

    @Test("nested steps see the steps before their parent, and their earlier siblings, not the parent itself")
    func nestedAvailability() throws {
        let diagnostics = try Self.check(
            """
            steps:
              - id: before
                map: $
              - id: loop
                foreach:
                  items: $steps.before
                  steps:
                    - id: inner
                      map: $steps.before
                    - id: inner2
                      map: $steps.inner
                    - id: inner3
                      map: $steps.loop
            """)
        #expect(Self.codes(diagnostics) == ["step-not-yet-run"])
        #expect(diagnostics.first?.message.contains("`$steps.loop`") == true)
    }

    @Test("references with dashes are written in backticks")
    func backtickReferences() throws {
        #expect(
            StepReferences.find(in: "$steps.`my-step`.x + $steps.a_1.b & $steps.a_1").map(\.name) == ["my-step", "a_1"])
        #expect(StepReferences.find(in: "$steps.`my-step`.x + $steps.a_1.b").map(\.offset) == [0, 21])
        #expect(StepReferences.find(in: "$steps.my-step").map(\.name) == ["my"])
        #expect(StepReferences.find(in: "$steps + $stepsx.y + steps.a").isEmpty)
        let diagnostics = try Self.check(
            """
            steps:
              - id: my-step
                map: $
              - id: next
                map: $steps.`my-step`.x
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test("error handlers run after their step's predecessors")
    func handlers() throws {
        let diagnostics = try Self.check(
            """
            steps:
              - id: a
                map: $
              - id: b
                map: $
                on_error: { steps: [{ id: alert, map: $steps.a }, { id: later, map: $steps.c }] }
              - id: c
                map: $
            """)
        #expect(Self.codes(diagnostics) == ["step-not-yet-run"])
        #expect(diagnostics.first?.message.contains("`c`") == true)
    }

    @Test("steps of switch cases, parallel branches and error handlers can be referred to after their container")
    func nestedOutputsKept() throws {
        let diagnostics = try Self.check(
            """
            steps:
              - id: owner
                switch:
                  cases:
                    - when: $exists(email)
                      steps:
                        - id: find_owner
                          map: $
                        - id: fan
                          parallel:
                            a: [{ id: in_a, map: $ }]
                            b: [{ id: in_b, map: $, on_error: { steps: [{ id: rescue, map: $ }] } }]
                  else:
                    - id: no_owner
                      map: $
              - id: call
                map: $
                on_error: { steps: [{ id: handler, map: $ }] }
              - id: after
                map: |
                  [$steps.owner, $steps.find_owner, $steps.no_owner, $steps.fan, $steps.in_a, $steps.in_b,
                   $steps.rescue, $steps.handler, $steps.call]
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    @Test("steps of a foreach body are not kept after the loop, as the engine runs each item in its own scope")
    func loopBodyNotKept() throws {
        let diagnostics = try Self.check(
            """
            steps:
              - id: route
                switch:
                  cases:
                    - when: x
                      steps:
                        - id: loop
                          foreach:
                            items: lines
                            steps:
                              - id: inner
                                map: $
                              - id: uses_inner
                                map: $steps.inner
              - id: after
                map: $steps.loop & $steps.inner
            """)
        #expect(Self.codes(diagnostics) == ["step-output-not-kept"])
        #expect(
            diagnostics.first?.message
                == "`$steps.inner` is not available in step `after`: `inner` runs in the body of the foreach `loop`, "
                + "whose steps' outputs are not kept after the loop")
        #expect(diagnostics.first?.hint == "`$steps.loop` lists the body's last output for each item")
        #expect(diagnostics.first.map { [$0.location.line, $0.location.column] } == [18, 24])
    }

    @Test("later steps, steps of other branches and steps of a loop not run yet are still reported")
    func nestedNotYetRun() throws {
        let diagnostics = try Self.check(
            """
            steps:
              - id: early
                map: $steps.late & $steps.body
              - id: choice
                switch:
                  cases:
                    - when: x
                      steps: [{ id: one, map: $steps.two }]
                  else: [{ id: two, map: $ }]
              - id: late
                parallel:
                  a: [{ id: pa, map: $steps.pb }]
                  b: [{ id: pb, map: $ }]
              - id: loop
                foreach: { items: x, steps: [{ id: body, map: $ }] }
            """)
        #expect(Self.codes(diagnostics) == Array(repeating: "step-not-yet-run", count: 4))
        #expect(diagnostics.map { $0.message.contains("has not run yet") }.allSatisfy { $0 })
    }

    // MARK: - Duplicate ids and unreachable steps

    @Test(
        "duplicate ids anywhere in the flow",
        arguments: [
            "[{ id: a, map: $ }, { id: a, map: $ }]",
            "[{ id: a, switch: { cases: [{ when: x, steps: [{ id: b, map: $ }] }], else: [{ id: b, map: $ }] } }]",
            "[{ id: a, parallel: { one: [{ id: b, map: $ }], two: [{ id: b, map: $ }] } }]",
            "[{ id: a, map: $, on_error: { steps: [{ id: a, map: $ }] } }]",
            "[{ id: a, foreach: { items: x, steps: [{ id: a, map: $ }] } }]",
        ])
    func duplicates(steps: String) throws {
        let diagnostics = try Self.check("steps: " + steps)
        #expect(Self.codes(diagnostics) == ["duplicate-step"])
        #expect(diagnostics.first?.hint?.contains("the first") == true)
    }

    @Test("steps after `filter: false` can never run")
    func unreachable() throws {
        let diagnostics = try Self.check(
            "steps: [{ id: off, filter: false }, { id: a, map: $ }, { id: b, map: $ }]")
        #expect(Self.codes(diagnostics) == ["unreachable-step", "unreachable-step"])
        #expect(diagnostics.first?.message.contains("`a`") == true)
        #expect(try Self.check("steps: [{ id: on, filter: \"true\" }, { id: a, map: $ }]").isEmpty)
        #expect(try Self.check("steps: [{ id: on, filter: x = false }, { id: a, map: $ }]").isEmpty)
        #expect(try Self.check("steps: [{ id: a, map: $ }, { id: off, filter: false }]").isEmpty)
    }

    // MARK: - Connections, apps and actions

    @Test("connection rules for action steps")
    func connections() throws {
        func check(_ connections: String, _ step: String) throws -> [String] {
            Self.codes(
                try Self.check(
                    "connections: \(connections)\nsteps: [{ id: a, action: \(step) }]"))
        }
        #expect(try check("{ s: shop }", "shop/list_orders, connection: s").isEmpty)
        // The one connection for the app is implied.
        #expect(try check("{ s: shop }", "shop/list_orders").isEmpty)
        #expect(try check("{ s: shop, t: shop }", "shop/list_orders") == ["missing-connection"])
        #expect(try check("{}", "shop/list_orders") == ["missing-connection"])
        // An app without auth needs no connection.
        #expect(try check("{}", "open/list_orders").isEmpty)
        #expect(try check("{ s: shop }", "shop/list_orders, connection: x") == ["unknown-connection"])
        #expect(try check("{ s: shop, o: open }", "shop/list_orders, connection: o") == ["connection-app-mismatch"])
    }

    @Test("an undeclared connection suggests a declared one, or how to declare it")
    func undeclaredConnectionHints() throws {
        let close = try Self.check(
            "connections: { shop-main: shop }\nsteps: [{ id: a, action: shop/list_orders, connection: shop-mian }]")
        #expect(close.first?.hint == "did you mean `shop-main`?")
        let none = try Self.check("steps: [{ id: a, action: shop/list_orders, connection: prod }]")
        #expect(none.first?.hint == "declare it under `connections:` with its app, such as `prod: shop`")
    }

    @Test("unknown apps and actions, with suggestions")
    func appsAndActions() throws {
        let app = try Self.check(
            "connections: { s: shopp }\nsteps: [{ id: a, action: shopp/list_orders, connection: s }]")
        #expect(Self.codes(app) == ["unknown-app"])
        #expect(app.first?.hint == "did you mean `shop`?")
        let action = try Self.check(
            "connections: { s: shop }\nsteps: [{ id: a, action: shop/list_order, connection: s }]")
        #expect(Self.codes(action) == ["unknown-action"])
        #expect(action.first?.hint == "did you mean `list_orders`?")
        // Both are reported at the `action` value, not at the step.
        #expect(app.first.map { [$0.location.line, $0.location.column] } == [4, 26])
        #expect(action.first.map { [$0.location.line, $0.location.column] } == [4, 26])
        // Without any app known, apps and actions are not checked.
        let unchecked = try Self.check(
            "connections: { s: shopp }\nsteps: [{ id: a, action: shopp/nothing, connection: s }]", apps: [:])
        #expect(unchecked.isEmpty)
    }

    @Test("a poll trigger's action must exist")
    func pollTrigger() throws {
        let diagnostics = try Self.check(
            "trigger: { poll: { action: shop/list_order } }\nsteps: [{ id: a, map: $ }]")
        #expect(Self.codes(diagnostics) == ["unknown-action"])
        let app = try Self.check("trigger: { poll: { action: nope/list } }\nsteps: [{ id: a, map: $ }]")
        #expect(Self.codes(app) == ["unknown-app"])
        #expect(diagnostics.first?.location.line == 3)
    }

    @Test("an invalid action reference is reported once")
    func invalidReferenceCascade() {
        let (flow, diagnostics) = Snippet.flow(
            "weft: 1\nflow: f\nconnections: { s: shop }\nsteps: [{ id: a, action: shop.list_orders, connection: s }]")
        #expect(Self.codes(diagnostics) == ["invalid-value"])
        guard let flow else { return }
        #expect(FlowChecker(apps: Self.apps).check(flow).isEmpty)
    }

    // MARK: - Tests

    @Test("tests may only name steps of the flow")
    func testReferences() throws {
        let diagnostics = try Self.check(
            """
            steps: [{ id: fetch, map: $ }]
            tests:
              - name: t
                mocks: { fetch: 1, fecth: 2 }
                failures: { nope: boom }
                expect: { fetch.output: 1, run.state: succeeded, other.output: 3 }
            """)
        #expect(Self.codes(diagnostics) == ["unknown-step", "unknown-step", "unknown-step"])
        #expect(
            diagnostics.map { $0.message } == [
                "there is no step `fecth` (in `mocks`)", "there is no step `nope` (in `failures`)",
                "there is no step `other` (in `expect`)",
            ])
        #expect(diagnostics.first?.hint == "did you mean `fetch`?")
    }
}
