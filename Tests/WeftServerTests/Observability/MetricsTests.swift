import Foundation
import Synchronization
import Testing
import WeftServer

/// The metric registry and its Prometheus text exposition.
@Suite("Metrics")
struct MetricsTests {
    /// The sample lines (not comments) of an exposition, keyed by series (name and labels).
    static func samples(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let space = line.lastIndex(of: " ")!
            result[String(line[..<space])] = String(line[line.index(after: space)...])
        }
        return result
    }

    @Test("a small registry renders exactly in the text format 0.0.4")
    func fullExposition() {
        let metrics = Metrics()
        metrics.describe("demo_things_total", kind: .counter, help: "Demo things.\nSecond line \\ end")
        metrics.increment("demo_things_total", ["state": "ok"])
        metrics.increment("demo_things_total", ["state": "ok"], by: 2)
        metrics.increment("demo_things_total", ["state": "failed"])
        metrics.set("a_gauge", to: 1.5)
        metrics.set("a_gauge", to: 2.5)
        metrics.describe("latency_seconds", kind: .histogram, help: "Latency.", buckets: [1, 0.125, 0.5])
        for value in [0.0625, 0.125, 0.25, 8] {
            metrics.observe("latency_seconds", value)
        }

        let expected = """
            # TYPE a_gauge gauge
            a_gauge 2.5
            # HELP demo_things_total Demo things.\\nSecond line \\\\ end
            # TYPE demo_things_total counter
            demo_things_total{state="failed"} 1
            demo_things_total{state="ok"} 3
            # HELP latency_seconds Latency.
            # TYPE latency_seconds histogram
            latency_seconds_bucket{le="0.125"} 2
            latency_seconds_bucket{le="0.5"} 3
            latency_seconds_bucket{le="1"} 3
            latency_seconds_bucket{le="+Inf"} 4
            latency_seconds_sum 8.4375
            latency_seconds_count 4

            """
        #expect(metrics.render() == expected)
    }

    @Test("labels are sorted by name, series by labels, and label values escaped")
    func labelsAndEscaping() {
        let metrics = Metrics()
        metrics.increment("requests_total", ["status": "200", "method": "GET"])
        metrics.increment("requests_total", ["status": "500", "method": "GET"], by: 4)
        metrics.increment("requests_total", ["status": "200", "method": "DELETE"])
        metrics.set("odd_gauge", ["path": "a\\b\"c\nd"], to: 1)

        let expected = """
            # TYPE odd_gauge gauge
            odd_gauge{path="a\\\\b\\"c\\nd"} 1
            # TYPE requests_total counter
            requests_total{method="DELETE",status="200"} 1
            requests_total{method="GET",status="200"} 1
            requests_total{method="GET",status="500"} 4

            """
        #expect(metrics.render() == expected)
    }

    @Test("histogram buckets are cumulative, end with +Inf, and carry the series labels before le")
    func histogramCumulative() {
        let metrics = Metrics()
        let values: [Double] = [0.0001, 0.0005, 0.003, 0.003, 0.02, 0.2, 0.2, 0.7, 3, 9.99, 10, 11, 500]
        for value in values {
            metrics.observe("step_seconds", ["kind": "http"], value)
        }
        metrics.observe("step_seconds", ["kind": "map"], 0.01)
        let samples = Self.samples(metrics.render())

        var previous = 0
        for bound in Metrics.defaultBuckets {
            let label = bound == bound.rounded() ? String(Int(bound)) : "\(bound)"
            let count = Int(samples["step_seconds_bucket{kind=\"http\",le=\"\(label)\"}"] ?? "") ?? -1
            #expect(count == values.filter { $0 <= bound }.count, "bucket le=\(label)")
            #expect(count >= previous)
            previous = count
        }
        #expect(samples["step_seconds_bucket{kind=\"http\",le=\"+Inf\"}"] == "13")
        #expect(samples["step_seconds_count{kind=\"http\"}"] == "13")
        #expect(Double(samples["step_seconds_sum{kind=\"http\"}"] ?? "") == values.reduce(0, +))
        #expect(samples["step_seconds_bucket{kind=\"map\",le=\"0.005\"}"] == "0")
        #expect(samples["step_seconds_bucket{kind=\"map\",le=\"0.01\"}"] == "1")
        #expect(samples["step_seconds_bucket{kind=\"map\",le=\"+Inf\"}"] == "1")
        #expect(samples["step_seconds_count{kind=\"map\"}"] == "1")
    }

    @Test("a NaN observation only lands in +Inf and makes the sum NaN")
    func histogramNaN() {
        let metrics = Metrics()
        metrics.observe("odd_seconds", .nan)
        let samples = Self.samples(metrics.render())
        #expect(samples["odd_seconds_bucket{le=\"10\"}"] == "0")
        #expect(samples["odd_seconds_bucket{le=\"+Inf\"}"] == "1")
        #expect(samples["odd_seconds_sum"] == "NaN")
        #expect(samples["odd_seconds_count"] == "1")
    }

    @Test("values are written as Prometheus reads them")
    func valueFormatting() {
        let metrics = Metrics()
        metrics.set("g", ["v": "int"], to: 3)
        metrics.set("g", ["v": "negative"], to: -42)
        metrics.set("g", ["v": "fraction"], to: 0.25)
        metrics.set("g", ["v": "small"], to: 0.00001)
        metrics.set("g", ["v": "inf"], to: .infinity)
        metrics.set("g", ["v": "minf"], to: -.infinity)
        metrics.set("g", ["v": "nan"], to: .nan)
        metrics.set("g", ["v": "huge"], to: 1e300)
        let samples = Self.samples(metrics.render())
        #expect(samples["g{v=\"int\"}"] == "3")
        #expect(samples["g{v=\"negative\"}"] == "-42")
        #expect(samples["g{v=\"fraction\"}"] == "0.25")
        #expect(Double(samples["g{v=\"small\"}"] ?? "") == 0.00001)
        #expect(samples["g{v=\"inf\"}"] == "+Inf")
        #expect(samples["g{v=\"minf\"}"] == "-Inf")
        #expect(samples["g{v=\"nan\"}"] == "NaN")
        #expect(Double(samples["g{v=\"huge\"}"] ?? "") == 1e300)
    }

    @Test("invalid names, reserved labels, negative increments and kind mismatches are dropped")
    func invalidInputDropped() {
        let metrics = Metrics()
        metrics.increment("9starts_with_digit")
        metrics.increment("has-dash_total")
        metrics.increment("")
        metrics.increment("bad_labels_total", ["bad-label": "x"])
        metrics.increment("bad_labels_total", ["1x": "x"])
        metrics.increment("bad_labels_total", ["__reserved": "x"])
        metrics.observe("bad_le_seconds", ["le": "1"], 0.1)
        metrics.increment("down_total", by: -1)
        metrics.increment("down_total", by: .nan)
        metrics.describe("bad name", kind: .gauge, help: "Invalid.")
        #expect(metrics.render() == "")

        metrics.increment("things_total")
        metrics.set("things_total", to: 100)
        metrics.observe("things_total", 1)
        metrics.set("ns:sub_level", ["_ok": "yes", "Ok2": "yes"], to: 1)
        #expect(
            metrics.render() == """
                # TYPE ns:sub_level gauge
                ns:sub_level{Ok2="yes",_ok="yes"} 1
                # TYPE things_total counter
                things_total 1

                """)
    }

    @Test("declaring again keeps samples when nothing changes and discards them when the kind or buckets change")
    func redeclaring() {
        let metrics = Metrics()
        metrics.describe("x_seconds", kind: .histogram, help: "First.")
        metrics.observe("x_seconds", 1)
        metrics.describe("x_seconds", kind: .histogram, help: "Second.")
        #expect(metrics.render().contains("# HELP x_seconds Second.\n"))
        #expect(Self.samples(metrics.render())["x_seconds_count"] == "1")

        metrics.describe("x_seconds", kind: .histogram, help: "Second.", buckets: [1, 2])
        #expect(metrics.render() == "")
        metrics.observe("x_seconds", 1.5)
        #expect(Self.samples(metrics.render())["x_seconds_bucket{le=\"2\"}"] == "1")
        #expect(Self.samples(metrics.render())["x_seconds_bucket{le=\"1\"}"] == "0")

        metrics.describe("x_seconds", kind: .gauge, help: "Now a gauge.")
        #expect(metrics.render() == "")
        metrics.set("x_seconds", to: 7)
        #expect(metrics.render() == "# HELP x_seconds Now a gauge.\n# TYPE x_seconds gauge\nx_seconds 7\n")
    }

    @Test("concurrent increments and observations from many tasks add up exactly")
    func concurrentRecording() async {
        let metrics = Metrics()
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<50 {
                group.addTask {
                    for _ in 0..<400 {
                        metrics.increment("hits_total", ["parity": task % 2 == 0 ? "even" : "odd"])
                        metrics.observe("work_seconds", 0.5)
                    }
                }
            }
        }
        let samples = Self.samples(metrics.render())
        #expect(samples["hits_total{parity=\"even\"}"] == "10000")
        #expect(samples["hits_total{parity=\"odd\"}"] == "10000")
        #expect(samples["work_seconds_count"] == "20000")
        #expect(samples["work_seconds_bucket{le=\"0.5\"}"] == "20000")
        #expect(samples["work_seconds_bucket{le=\"0.25\"}"] == "0")
        #expect(samples["work_seconds_sum"] == "10000")
    }

    @Test("renderAll calls the gauge providers at every scrape; render does not")
    func providers() async {
        let metrics = Metrics()
        let calls = Mutex(0)
        metrics.describe("queue_depth", kind: .gauge, help: "Runs queued.")
        metrics.gaugeProvider("queue_depth") {
            let call = calls.withLock { count in
                count += 1
                return count
            }
            return [([:], Double(call * 10))]
        }
        metrics.set("per_tenant", ["tenant": "a"], to: 1)
        metrics.set("per_tenant", ["tenant": "b"], to: 2)
        metrics.gaugeProvider("per_tenant") { [(["tenant": "b"], 20), (["tenant": "c"], 30), (["bad-label": "x"], 9)] }

        #expect(metrics.render() == "# TYPE per_tenant gauge\nper_tenant{tenant=\"a\"} 1\nper_tenant{tenant=\"b\"} 2\n")
        #expect(calls.withLock { $0 } == 0)

        let first = await metrics.renderAll()
        #expect(
            first == """
                # TYPE per_tenant gauge
                per_tenant{tenant="a"} 1
                per_tenant{tenant="b"} 20
                per_tenant{tenant="c"} 30
                # HELP queue_depth Runs queued.
                # TYPE queue_depth gauge
                queue_depth 10

                """)
        let second = await metrics.renderAll()
        #expect(Self.samples(second)["queue_depth"] == "20")
        #expect(calls.withLock { $0 } == 2)

        metrics.increment("a_total")
        metrics.gaugeProvider("a_total") { [([:], 99)] }
        #expect(Self.samples(await metrics.renderAll())["a_total"] == "1")
    }

    @Test("Weft's families are declared in one place; unlabelled counters and histograms start at zero")
    func weftFamilies() {
        let names = Set(Metrics.weft.map(\.name))
        #expect(
            names == [
                "weft_runs_total", "weft_runs_enqueued_total", "weft_queue_depth", "weft_queue_oldest_age_seconds",
                "weft_runs_running", "weft_step_duration_seconds", "weft_step_retries_total", "weft_dead_letters_total",
                "weft_webhook_duration_seconds", "weft_webhook_rejections_total", "weft_trigger_to_first_step_seconds",
                "weft_http_requests_total",
            ])
        #expect(Metrics.weft.count == names.count)
        #expect(Metrics.weft.allSatisfy { !$0.help.isEmpty })
        #expect(Metrics.weft.filter { $0.kind == .counter }.allSatisfy { $0.name.hasSuffix("_total") })
        #expect(Metrics.weft.first { $0.name == Metrics.Weft.httpRequestsTotal }?.labels == ["method", "status"])

        let metrics = Metrics()
        metrics.describeWeftMetrics()
        let text = metrics.render()
        let samples = Self.samples(text)
        #expect(samples["weft_dead_letters_total"] == "0")
        #expect(samples["weft_step_retries_total"] == "0")
        #expect(samples["weft_trigger_to_first_step_seconds_bucket{le=\"300\"}"] == "0")
        #expect(samples["weft_trigger_to_first_step_seconds_count"] == "0")
        #expect(text.contains("# HELP weft_dead_letters_total Runs moved to the dead letters.\n"))
        #expect(!text.contains("weft_queue_depth"))
        #expect(!text.contains("weft_runs_total"))

        metrics.increment(Metrics.Weft.runsTotal, ["state": "succeeded"])
        metrics.observe(Metrics.Weft.stepDurationSeconds, ["kind": "http"], 20)
        let after = Self.samples(metrics.render())
        #expect(after["weft_runs_total{state=\"succeeded\"}"] == "1")
        #expect(after["weft_step_duration_seconds_bucket{kind=\"http\",le=\"10\"}"] == "0")
        #expect(after["weft_step_duration_seconds_bucket{kind=\"http\",le=\"30\"}"] == "1")

        metrics.describeWeftMetrics()
        #expect(Self.samples(metrics.render())["weft_runs_total{state=\"succeeded\"}"] == "1")
    }
}
