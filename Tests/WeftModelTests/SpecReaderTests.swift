import Testing
import WeftJSON

@testable import WeftModel

/// Reading files into model values: every step kind, trigger, auth and pagination type, with the values checked.
@Suite("Reading flows and apps into the model")
struct SpecReaderTests {
    /// A flow with `body` as its only step (indented as a list item), read without diagnostics.
    static func step(_ body: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Step {
        let flow = try self.flow("steps:\n  - " + body.split(separator: "\n").joined(separator: "\n    "))
        return try #require(flow.steps.first, sourceLocation: sourceLocation)
    }

    /// A flow from the lines after `weft: 1` and `flow: f`, read without diagnostics.
    static func flow(_ rest: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Flow {
        let (flow, diagnostics) = Snippet.flow("weft: 1\nflow: f\n" + rest)
        #expect(diagnostics.isEmpty, "\(diagnostics)", sourceLocation: sourceLocation)
        return try #require(flow, sourceLocation: sourceLocation)
    }

    static func trigger(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Trigger {
        try flow("trigger:\n" + yaml + "\nsteps: [{ id: a, map: $ }]", sourceLocation: sourceLocation).trigger
    }

    /// An app from the lines after its required keys, read without diagnostics.
    static func app(_ rest: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> AppManifest {
        let (app, diagnostics) = Snippet.app(
            "weft: 1\napp: a\nname: A\nversion: 1.0.0\nbase_url: https://a.example\n" + rest)
        #expect(diagnostics.isEmpty, "\(diagnostics)", sourceLocation: sourceLocation)
        return try #require(app, sourceLocation: sourceLocation)
    }

    static func auth(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Auth {
        try app("actions: {}\nauth: " + yaml, sourceLocation: sourceLocation).auth
    }

    static func pagination(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws
        -> Pagination?
    {
        try app("actions:\n  list:\n    path: /x\n    paginate: " + yaml, sourceLocation: sourceLocation)
            .actions["list"]?.paginate
    }

    // MARK: - Flows

    @Test("the flow's own keys")
    func flowKeys() throws {
        let flow = try Self.flow(
            """
            name: Orders
            description: Copies orders.
            vars: { limit: 10, region: eu, flags: [a] }
            connections: { shop-main: shop, erp: erp }
            steps: [{ id: a, map: $ }]
            """)
        #expect(flow.formatVersion == 1)
        #expect(flow.id == "f")
        #expect(flow.name == "Orders")
        #expect(flow.description == "Copies orders.")
        #expect(Array(flow.variables.keys) == ["limit", "region", "flags"])
        #expect(flow.variables["limit"] == 10 && flow.variables["flags"] == ["a"])
        #expect(Array(flow.connections.keys) == ["shop-main", "erp"])
        #expect(flow.connections["shop-main"] == "shop")
        #expect(flow.file == "flow.yaml")
        if case .manual = flow.trigger {} else { Issue.record("the default trigger is not manual: \(flow.trigger)") }
        #expect(flow.tests.isEmpty)
    }

    @Test("an action step with its common keys")
    func actionStep() throws {
        let step = try Self.step(
            """
            id: create
            name: Create the order
            description: Sends it.
            action: erp/create_sales_order
            connection: erp-prod
            input: { entity: $steps.customer.id, status: "'A'", count: 2 }
            timeout: 45s
            retry: { attempts: 7, backoff: fixed, initial: 2s, max: 30s, multiplier: 1.5, jitter: false, on: [429, 503], respect_retry_after: false }
            on_error: dead_letter
            """)
        #expect(step.id == "create" && step.name == "Create the order" && step.description == "Sends it.")
        guard case .action(let reference) = step.kind else {
            Issue.record("not an action: \(step.kind.name)")
            return
        }
        #expect(reference == ActionReference(app: "erp", action: "create_sales_order"))
        #expect(reference.description == "erp/create_sales_order")
        #expect(step.connection == "erp-prod")
        #expect(step.input?.expressions.map(\.path) == ["entity", "status"])
        #expect(step.timeout == .seconds(45))
        var retry = RetryPolicy()
        retry.attempts = 7
        retry.backoff = .fixed
        retry.initial = .seconds(2)
        retry.maximum = .seconds(30)
        retry.multiplier = 1.5
        retry.jitter = false
        retry.statusCodes = [429, 503]
        retry.respectRetryAfter = false
        #expect(step.retry == retry)
        if case .deadLetter = step.onError {} else { Issue.record("on_error is not dead_letter") }
        #expect((step.location.line, step.location.column) == (4, 5))
    }

    @Test("retry defaults and a step without retry")
    func retryDefaults() throws {
        let step = try Self.step("id: a\nmap: $\nretry: { attempts: 2 }")
        #expect(step.retry?.attempts == 2)
        #expect(step.retry?.backoff == .exponential && step.retry?.initial == .seconds(1))
        #expect(step.retry?.maximum == .seconds(60) && step.retry?.jitter == true)
        let plain = try Self.step("id: a\nmap: $")
        #expect(plain.retry == nil && plain.timeout == nil && plain.connection == nil && plain.input == nil)
        if case .fail = plain.onError {} else { Issue.record("the default on_error is not fail") }
    }

    @Test("an http step")
    func httpStep() throws {
        let step = try Self.step(
            """
            id: post
            http:
              method: PATCH
              url: "https://x.example/{{ id }}"
              headers: { X-Id: "{{ $run.id }}", Accept: application/json }
              query: { page: 2 }
              body: { name: name }
              connection: shop-main
              accept: [200, 404]
              response: full
            """)
        guard case .http(let http) = step.kind else {
            Issue.record("not http: \(step.kind.name)")
            return
        }
        #expect(http.method == .PATCH && !http.method.isRead)
        #expect(http.url.source == "https://x.example/{{ id }}" && !http.url.isLiteral)
        #expect(Array(http.headers.keys) == ["X-Id", "Accept"])
        #expect(http.headers["Accept"]?.isLiteral == true)
        #expect(http.query["page"]?.source == "2")
        #expect(http.body?.expressions.map(\.expression.source) == ["name"])
        #expect(http.connection == "shop-main")
        #expect(http.accept == [200, 404])
        #expect(http.response == .full)
        let defaults = try Self.step("id: get\nhttp: { url: https://x.example }")
        guard case .http(let plain) = defaults.kind else { return }
        #expect(plain.method == .GET && plain.response == .auto && plain.accept.isEmpty && plain.body == nil)
    }

    @Test("map, filter and delay steps")
    func simpleSteps() throws {
        let map = try Self.step("id: m\nmap: |\n  { \"a\": x }")
        if case .map(let expression) = map.kind {
            #expect(expression.source == "{ \"a\": x }")
        } else {
            Issue.record("not map")
        }
        let filter = try Self.step("id: f\nfilter: total > 0")
        if case .filter(let expression) = filter.kind {
            #expect(expression.source == "total > 0")
            #expect((expression.location.line, expression.location.column) == (5, 13))
        } else {
            Issue.record("not filter")
        }
        let literal = try Self.step("id: f\nfilter: false")
        if case .filter(let expression) = literal.kind { #expect(expression.source == "false") }
        let delay = try Self.step("id: d\ndelay: 1m30s")
        if case .delay(let duration) = delay.kind {
            #expect(duration == .seconds(90))
        } else {
            Issue.record("not delay")
        }
    }

    @Test("a switch step")
    func switchStep() throws {
        let step = try Self.step(
            """
            id: route
            switch:
              cases:
                - when: total > 100
                  steps: [{ id: big, map: $ }, { id: big2, map: $ }]
                - when: total > 10
                  steps: [{ id: medium, map: $ }]
              else: [{ id: small, map: $ }]
            """)
        guard case .switch(let choice) = step.kind else {
            Issue.record("not switch")
            return
        }
        #expect(choice.cases.map { $0.condition?.source } == ["total > 100", "total > 10"])
        #expect(choice.cases.map { $0.steps.map(\.id) } == [["big", "big2"], ["medium"]])
        #expect(choice.otherwise.map(\.id) == ["small"])
        #expect(step.kind.nestedSteps.map { $0.map(\.id) } == [["big", "big2"], ["medium"], ["small"]])
    }

    @Test("a foreach step")
    func foreachStep() throws {
        let step = try Self.step("id: each\nforeach: { items: lines, concurrency: 8, steps: [{ id: one, map: $ }] }")
        guard case .foreach(let loop) = step.kind else {
            Issue.record("not foreach")
            return
        }
        #expect(loop.items?.source == "lines")
        #expect(loop.concurrency == 8)
        #expect(loop.steps.map(\.id) == ["one"])
        let plain = try Self.step("id: each\nforeach: { items: lines, steps: [{ id: one, map: $ }] }")
        if case .foreach(let loop) = plain.kind { #expect(loop.concurrency == 1) }
    }

    @Test("a parallel step keeps its branches in order")
    func parallelStep() throws {
        let step = try Self.step(
            """
            id: both
            parallel:
              zeta: [{ id: z1, map: $ }, { id: z2, map: $ }]
              alpha: [{ id: a1, map: $ }]
            """)
        guard case .parallel(let parallel) = step.kind else {
            Issue.record("not parallel")
            return
        }
        #expect(parallel.branches.map(\.name) == ["zeta", "alpha"])
        #expect(parallel.branches.map { $0.steps.map(\.id) } == [["z1", "z2"], ["a1"]])
    }

    @Test("a convert step")
    func convertStep() throws {
        let step = try Self.step(
            "id: c\nconvert: { from: csv, to: xml, input: $steps.file, options: { delimiter: \";\", header: true } }")
        guard case .convert(let convert) = step.kind else {
            Issue.record("not convert")
            return
        }
        #expect(convert.from == .csv && convert.to == .xml)
        #expect(convert.input?.source == "$steps.file")
        #expect(convert.options == ["delimiter": ";", "header": true])
    }

    @Test("a convert step to the same format is a warning")
    func convertNoOp() throws {
        let (flow, diagnostics) = Snippet.flow(
            "weft: 1\nflow: f\nsteps: [{ id: c, convert: { from: json, to: json } }]")
        #expect(flow != nil)
        #expect(diagnostics.map(\.code) == ["no-op"])
        #expect(diagnostics.first?.severity == .warning)
        #expect(!diagnostics.hasErrors)
    }

    @Test("a file step")
    func fileStep() throws {
        let step = try Self.step(
            "id: w\nfile: { path: \"/out/{{ id }}.csv\", format: csv, mode: append, content: rows }")
        guard case .file(let file) = step.kind else {
            Issue.record("not file")
            return
        }
        #expect(file.path.source == "/out/{{ id }}.csv")
        #expect(file.format == .csv && file.mode == .append)
        #expect(file.content?.source == "rows")
        let plain = try Self.step("id: w\nfile: { path: /out/x.json }")
        if case .file(let file) = plain.kind {
            #expect(file.format == .json && file.mode == .write && file.content == nil)
        }
    }

    @Test("on_error: continue, fail, and handler steps")
    func errorHandling() throws {
        let continuing = try Self.step("id: a\nmap: $\non_error: continue")
        if case .continue = continuing.onError {} else { Issue.record("not continue") }
        let failing = try Self.step("id: a\nmap: $\non_error: fail")
        if case .fail = failing.onError {} else { Issue.record("not fail") }
        let handled = try Self.step("id: a\nmap: $\non_error: { steps: [{ id: alert, map: error }] }")
        if case .steps(let steps) = handled.onError {
            #expect(steps.map(\.id) == ["alert"])
        } else {
            Issue.record("not steps")
        }
    }

    @Test("a flow's tests")
    func tests() throws {
        let flow = try Self.flow(
            """
            steps: [{ id: a, map: $ }]
            tests:
              - name: works
                trigger: { body: { x: 1 } }
                mocks: { a: { y: 2 } }
                failures: { a: timed out }
                expect: { a.output.y: 2, run.state: succeeded }
                vars: { limit: 3 }
            """)
        let test = try #require(flow.tests.first)
        #expect(test.name == "works")
        #expect(test.trigger == ["body": ["x": 1]])
        #expect(test.mocks == ["a": ["y": 2]])
        #expect(test.failures == ["a": "timed out"])
        #expect(test.expect == ["a.output.y": 2, "run.state": "succeeded"])
        #expect(test.variables == ["limit": 3])
        #expect((test.location.line, test.location.column) == (5, 5))
    }

    // MARK: - Triggers

    @Test("manual triggers")
    func manual() throws {
        if case .manual = try Self.trigger("  manual: {}") {} else { Issue.record("not manual") }
        if case .manual = try Self.trigger("  manual: true") {} else { Issue.record("not manual") }
    }

    @Test("a webhook trigger")
    func webhook() throws {
        let trigger = try Self.trigger(
            """
              webhook:
                method: PUT
                path: /hooks/orders
                verify: { scheme: hmac, secret: shop_secret, header: X-Signature, tolerance: 2m }
                response: sync
                delivery_id: headers.`x-delivery`
            """)
        guard case .webhook(let webhook) = trigger else {
            Issue.record("not webhook: \(trigger.name)")
            return
        }
        #expect(trigger.name == "webhook")
        #expect(webhook.method == .PUT && webhook.path == "/hooks/orders" && webhook.response == .sync)
        #expect(webhook.verify?.scheme == .hmac && webhook.verify?.secret == "shop_secret")
        #expect(webhook.verify?.header == "X-Signature" && webhook.verify?.tolerance == .seconds(120))
        #expect(webhook.deliveryId?.source == "headers.`x-delivery`")
        guard case .webhook(let plain) = try Self.trigger("  webhook: {}") else { return }
        #expect(plain.method == .POST && plain.verify == nil && plain.response == .accepted)
    }

    @Test("a schedule trigger")
    func schedule() throws {
        let trigger = try Self.trigger("  schedule: { cron: \"*/5 * * * *\", timezone: Europe/Paris, catch_up: all }")
        guard case .schedule(let schedule) = trigger else {
            Issue.record("not schedule")
            return
        }
        #expect(schedule.cron == "*/5 * * * *" && schedule.timezone == "Europe/Paris" && schedule.catchUp == .all)
        guard case .schedule(let plain) = try Self.trigger("  schedule: { cron: \"@hourly\" }") else { return }
        #expect(plain.timezone == "UTC" && plain.catchUp == .once)
    }

    @Test("a poll trigger")
    func poll() throws {
        let trigger = try Self.trigger(
            """
              poll:
                action: shop/list_orders
                connection: shop-main
                every: 1m
                input: { since: $cursor }
                cursor: { field: updated_at, param: updated_since, initial: "2026-01-01" }
                key: id
            """)
        guard case .poll(let poll) = trigger else {
            Issue.record("not poll")
            return
        }
        #expect(poll.action == ActionReference(app: "shop", action: "list_orders"))
        #expect(poll.connection == "shop-main" && poll.every == .seconds(60))
        #expect(poll.input?.expressions.map(\.expression.source) == ["$cursor"])
        #expect(poll.cursor?.field?.source == "updated_at" && poll.cursor?.parameter == "updated_since")
        #expect(poll.cursor?.initial == "2026-01-01")
        #expect(poll.key?.source == "id")
        guard case .poll(let plain) = try Self.trigger("  poll: { action: shop/list_orders }") else { return }
        #expect(plain.every == .seconds(300) && plain.cursor == nil && plain.key == nil)
    }

    @Test("a file trigger")
    func file() throws {
        let trigger = try Self.trigger(
            "  file: { directory: /in, pattern: \"*.xml\", format: xml, after: move, move_to: /done, every: 30s }")
        guard case .file(let file) = trigger else {
            Issue.record("not file")
            return
        }
        #expect(file.directory == "/in" && file.pattern == "*.xml" && file.format == .xml)
        #expect(file.after == .move && file.moveTo == "/done" && file.every == .seconds(30))
        guard case .file(let plain) = try Self.trigger("  file: { directory: /in, after: delete }") else { return }
        #expect(plain.pattern == "*" && plain.format == .json && plain.after == .delete && plain.moveTo == nil)
        #expect(plain.every == .seconds(2))
    }

    // MARK: - Apps

    @Test("an app manifest's keys")
    func appKeys() throws {
        let app = try Self.app(
            """
            description: An API.
            vendor: Example
            categories: [crm, sales]
            docs_url: https://docs.example
            connection:
              fields:
                key: { type: string, secret: true, description: the API key }
                port: { type: integer, required: false, default: 443 }
            headers: { Accept: application/json }
            retry: { attempts: 4 }
            rate_limit: { requests: 5, per: 2s }
            actions:
              get_thing:
                description: One thing.
                method: DELETE
                path: "/things/{{ id }}"
                query: { expand: all }
                headers: { X-Trace: "{{ trace }}" }
                body: { id: id }
                input: { type: object }
                output: { $ref: "#/schemas/Thing" }
                records: items
                max_pages: 3
                retry: { attempts: 1 }
            triggers:
              changed: { webhook: { verify: { scheme: standard, secret: s } } }
            schemas: { Thing: { type: object } }
            """)
        #expect(app.id == "a" && app.name == "A" && app.version == "1.0.0" && app.description == "An API.")
        #expect(
            app.vendor == "Example" && app.categories == ["crm", "sales"] && app.documentation == "https://docs.example"
        )
        #expect(app.baseURL.source == "https://a.example" && app.headers["Accept"]?.source == "application/json")
        let key = try #require(app.connectionFields["key"])
        #expect(key.type == .string && key.secret && key.required && key.description == "the API key")
        let port = try #require(app.connectionFields["port"])
        #expect(port.type == .integer && !port.secret && !port.required && port.defaultValue == 443)
        #expect(app.retry?.attempts == 4)
        #expect(app.rateLimit?.requests == 5 && app.rateLimit?.period == .seconds(2))
        let action = try #require(app.actions["get_thing"])
        #expect(action.name == "get_thing" && action.description == "One thing." && action.method == .DELETE)
        #expect(action.path.source == "/things/{{ id }}" && action.query["expand"]?.source == "all")
        #expect(action.headers["X-Trace"]?.isLiteral == false)
        #expect(action.body?.expressions.map(\.path) == ["id"])
        #expect(action.input == ["type": "object"] && action.output == ["$ref": "#/schemas/Thing"])
        #expect(action.records?.source == "items" && action.maxPages == 3 && action.retry?.attempts == 1)
        #expect(action.paginate == nil)
        if case .webhook(let webhook)? = app.triggers["changed"]?.trigger {
            #expect(webhook.verify?.scheme == .standard)
        } else {
            Issue.record("the app trigger is not a webhook")
        }
        #expect(app.schemas["Thing"] == ["type": "object"])
        if case .none = app.auth {} else { Issue.record("the default auth is not none") }
    }

    @Test("action defaults")
    func actionDefaults() throws {
        let action = try #require(try Self.app("actions: { list: { path: /x } }").actions["list"])
        #expect(action.method == .GET && action.maxPages == 100 && action.records == nil && action.body == nil)
    }

    @Test("auth: none, header, query, basic and bearer")
    func simpleAuth() throws {
        if case .none = try Self.auth("{ type: none }") {} else { Issue.record("not none") }
        guard
            case .header(let name, let value) = try Self.auth(
                "{ type: header, name: X-Key, value: \"{{ $connection.key }}\" }")
        else {
            Issue.record("not header")
            return
        }
        #expect(name == "X-Key" && value.source == "{{ $connection.key }}")
        guard case .query(let queryName, let queryValue) = try Self.auth("{ type: query, name: api_key, value: k }")
        else {
            Issue.record("not query")
            return
        }
        #expect(queryName == "api_key" && queryValue.source == "k")
        guard case .basic(let username, let password) = try Self.auth("{ type: basic, username: u, password: p }")
        else {
            Issue.record("not basic")
            return
        }
        #expect(username.source == "u" && password.source == "p")
        guard case .bearer(let token) = try Self.auth("{ type: bearer, token: t }") else {
            Issue.record("not bearer")
            return
        }
        #expect(token.source == "t")
    }

    @Test("auth: OAuth 2 client credentials and refresh token")
    func oauth2() throws {
        let auth = try Self.auth(
            """

              type: oauth2_client_credentials
              token_url: https://a.example/token
              client_id: id
              client_secret: secret
              scope: read write
              client_auth: basic
              params: { audience: api }
            """)
        guard case .oauth2ClientCredentials(let settings) = auth else {
            Issue.record("not client credentials: \(auth.type)")
            return
        }
        #expect(auth.type == "oauth2_client_credentials")
        #expect(settings.tokenURL.source == "https://a.example/token" && settings.clientId.source == "id")
        #expect(settings.clientSecret.source == "secret" && settings.scope?.source == "read write")
        #expect(settings.clientAuthentication == .basic && settings.parameters["audience"]?.source == "api")
        #expect(settings.refreshToken == nil)
        let refresh = try Self.auth(
            "{ type: oauth2_refresh_token, token_url: u, client_id: i, client_secret: s, refresh_token: r }")
        guard case .oauth2RefreshToken(let refreshSettings) = refresh else {
            Issue.record("not refresh token: \(refresh.type)")
            return
        }
        #expect(refreshSettings.refreshToken?.source == "r" && refreshSettings.clientAuthentication == .body)
        let (_, diagnostics) = Snippet.app(
            "weft: 1\napp: a\nname: A\nversion: 1.0.0\nbase_url: u\nactions: {}\n"
                + "auth: { type: oauth2_refresh_token, token_url: u, client_id: i, client_secret: s }")
        #expect(diagnostics.map(\.code) == ["missing-key"])
        #expect(diagnostics.first?.message.contains("refresh_token") == true)
    }

    @Test("auth: OAuth 1.0a")
    func oauth1() throws {
        let auth = try Self.auth(
            """
            { type: oauth1, consumer_key: ck, consumer_secret: cs, token: t, token_secret: ts, realm: "123_SB1", signature_method: HMAC-SHA1 }
            """)
        guard case .oauth1(let settings) = auth else {
            Issue.record("not oauth1")
            return
        }
        #expect(settings.consumerKey.source == "ck" && settings.consumerSecret.source == "cs")
        #expect(
            settings.token.source == "t" && settings.tokenSecret.source == "ts" && settings.realm?.source == "123_SB1")
        #expect(settings.signatureMethod == .hmacSHA1)
        guard
            case .oauth1(let plain) = try Self.auth(
                "{ type: oauth1, consumer_key: a, consumer_secret: b, token: c, token_secret: d }")
        else { return }
        #expect(plain.signatureMethod == .hmacSHA256 && plain.realm == nil)
    }

    @Test("auth without a type")
    func authWithoutType() {
        let (_, diagnostics) = Snippet.app(
            "weft: 1\napp: a\nname: A\nversion: 1.0.0\nbase_url: u\nactions: {}\nauth: { token: t }")
        #expect(diagnostics.map(\.code) == ["missing-key"])
        #expect(diagnostics.first?.message.contains("`bearer`") == true)
        #expect((diagnostics.first?.location.line, diagnostics.first?.location.column) == (7, 7))
    }

    @Test("pagination types")
    func paginationTypes() throws {
        guard
            case .cursor(let next, let parameter)? = try Self.pagination(
                "{ type: cursor, next: meta.next, param: after }")
        else {
            Issue.record("not cursor")
            return
        }
        #expect(next.source == "meta.next" && parameter == "after")
        if case .cursor(_, let fallback)? = try Self.pagination("{ type: cursor, next: n }") {
            #expect(fallback == "cursor")
        }
        guard
            case .offset(let offset, let limit, let size)? = try Self.pagination(
                "{ type: offset, limit_param: limit, page_size: 50 }")
        else {
            Issue.record("not offset")
            return
        }
        #expect(offset == "offset" && limit == "limit" && size == 50)
        if case .offset(_, let noLimit, let defaultSize)? = try Self.pagination("{ type: offset }") {
            #expect(noLimit == nil && defaultSize == 100)
        }
        guard
            case .page(let page, let start, let sizeParameter, let pageSize)? = try Self.pagination(
                "{ type: page, param: p, start: 0, limit_param: per_page, page_size: 20 }")
        else {
            Issue.record("not page")
            return
        }
        #expect(page == "p" && start == 0 && sizeParameter == "per_page" && pageSize == 20)
        if case .page(let defaultPage, let defaultStart, nil, nil)? = try Self.pagination("{ type: page }") {
            #expect(defaultPage == "page" && defaultStart == 1)
        } else {
            Issue.record("page defaults")
        }
        if case .linkHeader? = try Self.pagination("{ type: link_header }") {} else { Issue.record("not link_header") }
        guard case .nextURL(let url)? = try Self.pagination("{ type: next_url, next: links.next }") else {
            Issue.record("not next_url")
            return
        }
        #expect(url.source == "links.next")
        if case .odata? = try Self.pagination("{ type: odata }") {} else { Issue.record("not odata") }
    }

    @Test("a key that belongs to another pagination type is unknown")
    func paginationForeignKey() throws {
        let (_, diagnostics) = Snippet.app(
            "weft: 1\napp: a\nname: A\nversion: 1.0.0\nbase_url: u\nactions: { l: { path: /x, paginate: { type: link_header, page_size: 5 } } }"
        )
        #expect(diagnostics.map(\.code) == ["unknown-key"])
    }

    // MARK: - How problems are reported

    @Test("an unknown key does not also report a missing kind")
    func unknownKeyWithoutKind() {
        let (_, diagnostics) = Snippet.flow("weft: 1\nflow: f\nsteps: [{ id: a, mapp: $ }]")
        #expect(diagnostics.map(\.code) == ["unknown-key"])
        #expect(diagnostics.first?.hint == "did you mean `map`?")
    }

    @Test("every problem is reported at once")
    func everyProblem() {
        let (_, diagnostics) = Snippet.flow(
            """
            weft: 1
            flow: Bad Name
            steps:
              - id: a
                map: $
                timeout: forever
              - id: b
                delay: soon
                retry: { attempts: 0, backoff: linear }
            """)
        #expect(
            diagnostics.map(\.code) == [
                "invalid-value", "invalid-duration", "invalid-duration", "out-of-range", "invalid-value",
            ])
        #expect(diagnostics.map(\.location.line) == [2, 6, 8, 9, 9])
    }

    @Test("a file that is neither a flow nor an app")
    func unknownDocument() {
        let (document, diagnostics) = WeftDocument.parse("weft: 1\nsteps: []\n", file: "x.yaml")
        #expect(document == nil)
        #expect(diagnostics.map(\.code) == ["unknown-document"])
        let (list, listDiagnostics) = WeftDocument.parse("- a\n- b\n", file: "x.yaml")
        #expect(list == nil)
        #expect(listDiagnostics.map(\.code) == ["unknown-document"])
    }

    @Test("type names in messages read as English")
    func typeNames() {
        let (_, diagnostics) = Snippet.flow("weft: 1\nflow: f\nsteps: [{ id: a, http: { method: GET } }]")
        #expect(diagnostics.map(\.code) == ["missing-key"])
        #expect(diagnostics.first?.message == "an HTTP step needs the key `url`")
    }
}
