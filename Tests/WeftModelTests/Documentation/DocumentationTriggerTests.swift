import Testing

@testable import WeftModel

/// What starts the flow, in words, and English readings of cron expressions.
@Suite("Documentation: trigger sentences")
struct DocumentationTriggerTests {
    @Test(
        "common cron patterns read in English",
        arguments: [
            ("0 * * * *", "every hour at minute 0"),
            ("30 2 * * *", "every day at 02:30"),
            ("* * * * *", "every minute"),
            ("*/15 * * * *", "every 15 minutes"),
            ("0 9 * * 1-5", "every Monday to Friday at 09:00"),
            ("0 9 * * MON", "every Monday at 09:00"),
            ("0 0 1 * *", "on the 1st of every month at 00:00"),
            ("0 6,18 * * *", "every day at 06:00 and 18:00"),
            ("0 */6 * * *", "every 6 hours at minute 0"),
            ("*/10 9-17 * * 1-5", "every 10 minutes from 09:00 to 17:59, Monday to Friday"),
            ("0 0 25 12 *", "every year on 25 December at 00:00"),
            ("0 30 2 * * *", "every day at 02:30"),
            ("@hourly", "every hour at minute 0"),
            ("@daily", "every day at 00:00"),
        ])
    func cron(expression: String, reading: String) {
        #expect(CronReading.english(expression) == reading)
    }

    @Test("uncommon cron shapes have no reading", arguments: ["5/7 * L * *", "0 0 1 * 1", "0 0 * * 8", "bad"])
    func uncommonCron(expression: String) {
        #expect(CronReading.english(expression) == nil)
    }

    private func sentences(_ trigger: String) throws -> String {
        let flow = try DocsSupport.flow(
            "weft: 1\nflow: sample\ntrigger:\n" + trigger + "\nsteps:\n  - id: wait\n    delay: 1s\n")
        return Prose.joined(FlowDocumentation(flow: flow).triggerSentences, separator: " ").plain
    }

    @Test("a schedule names its expression, time zone and reading")
    func schedule() throws {
        let text = try sentences("  schedule: { cron: \"30 2 * * *\", timezone: Europe/Paris, catch_up: skip }")
        #expect(
            text.contains("Runs on the cron schedule 30 2 * * * in the time zone Europe/Paris: every day at 02:30."))
        #expect(text.contains("missed while Weft was down are skipped"))
    }

    @Test("a webhook names its verification scheme, secret and response mode")
    func webhook() throws {
        let text = try sentences("  webhook: { verify: { scheme: stripe, secret: stripe_signing }, response: sync }")
        #expect(text.contains("An HTTP POST request to the flow's webhook URL starts a run."))
        #expect(text.contains("verified with the Stripe scheme using the secret stripe_signing"))
        #expect(text.contains("older than 5m are refused"))
        #expect(text.contains("waits for the run to finish"))
        let open = try sentences("  webhook: {}")
        #expect(open.contains("not verified"))
        #expect(open.contains("202 Accepted"))
    }

    @Test("a poll names its action, interval, cursor and de-duplication key")
    func poll() throws {
        let app = try DocsSupport.app(
            """
            weft: 1
            app: shopify
            name: Shopify
            version: 1.0.0
            base_url: https://example.test
            actions:
              list_orders: { method: GET, path: /orders.json }
            """)
        let flow = try DocsSupport.flow(
            """
            weft: 1
            flow: sample
            trigger:
              poll:
                action: shopify/list_orders
                connection: shop
                every: 10m
                cursor: { field: updated_at, param: updated_at_min, initial: "2026-01-01" }
                key: id
            steps:
              - id: wait
                delay: 1s
            """)
        let text = Prose.joined(FlowDocumentation(flow: flow, apps: ["shopify": app]).triggerSentences, separator: " ")
            .plain
        #expect(
            text.contains(
                "Every 10m, the action shopify/list_orders (GET /orders.json) is called through the connection shop"))
        #expect(text.contains("The cursor is the largest updated_at among the records"))
        #expect(text.contains("as the input updated_at_min"))
        #expect(text.contains("starting from \"2026-01-01\""))
        #expect(text.contains("Records are de-duplicated by id"))
    }

    @Test("a file trigger names its directory, pattern, format and what happens to processed files")
    func file() throws {
        let text = try sentences(
            "  file: { directory: /data/in, pattern: \"*.csv\", format: csv, after: move, move_to: /data/done }")
        #expect(text.contains("the directory /data/in is checked for files matching *.csv"))
        #expect(text.contains("read as CSV"))
        #expect(text.contains("Processed files are moved to /data/done."))
        let deleting = try sentences("  file: { directory: /in, after: delete }")
        #expect(deleting.contains("Processed files are deleted."))
    }

    @Test("a manual trigger says runs are started by hand")
    func manual() throws {
        let flow = try DocsSupport.flow(steps: "  - id: wait\n    delay: 1s\n")
        #expect(FlowDocumentation(flow: flow).triggerSentences.first?.plain.contains("started by hand") == true)
    }

    @Test("retry policies and error handling read in words")
    func reliabilityWords() {
        var retry = RetryPolicy()
        retry.attempts = 5
        retry.maximum = .seconds(60)
        #expect(
            FlowDocumentation.describe(retry)
                == "up to 5 attempts, exponential backoff from 1s to 1m with jitter, honouring Retry-After")
        retry.backoff = .fixed
        retry.initial = .seconds(10)
        retry.respectRetryAfter = false
        retry.jitter = false
        retry.statusCodes = [429, 503]
        #expect(FlowDocumentation.describe(retry) == "up to 5 attempts, 10s apart, on HTTP status 429 and 503")
        #expect(
            FlowDocumentation.describe(ErrorHandling.deadLetter).hasPrefix("on failure the run becomes a dead letter"))
        #expect(FlowDocumentation.describe(ErrorHandling.fail) == "on failure the run fails")
    }
}
