import Foundation
import Synchronization

/// The server's metric registry, rendered for Prometheus at `GET /metrics`.
///
/// A metric *family* has a name, a kind (counter, gauge or histogram), optional help text and, for histograms,
/// bucket bounds. Each family holds one *series* per distinct set of labels. Every recording call takes the
/// registry's lock once; the only allocation is the series key built from the labels (none when there are none).
///
/// ## Names, kinds and invalid input
///
/// Recording never traps: metrics must not be able to take the server down, so input that cannot be exposed is
/// **dropped silently** rather than checked with a precondition. Dropped are:
/// - calls whose metric name does not match `[a-zA-Z_:][a-zA-Z0-9_:]*`;
/// - calls with a label name that does not match `[a-zA-Z_][a-zA-Z0-9_]*`, starts with the reserved `__`, or is
///   `le` on a histogram (the bucket label);
/// - counter increments that are negative or NaN (a counter only goes up);
/// - calls of another kind than the family's (for example ``set(_:_:to:)`` on a counter). A family's kind is
///   fixed by ``describe(_:kind:help:buckets:)`` or, failing that, by the first call that records into it.
///
/// Tests catch a misspelt name because its series never appears in ``render()``.
///
/// ## Rendering
///
/// ``render()`` writes the Prometheus text exposition format 0.0.4: families sorted by name, each with its
/// `# HELP` (when described) and `# TYPE` lines, then its series sorted by their labels. Families without any
/// sample are left out. ``renderAll()`` first asks the gauge providers (``gaugeProvider(_:_:)``) for their current
/// values, for gauges that are only known at scrape time, such as the queue depth read from the database.
public final class Metrics: Sendable {
    /// The kind of a metric family, as written on its `# TYPE` line.
    public enum Kind: String, Sendable, Hashable {
        /// A value that only goes up (reset when the process restarts); its name should end in `_total`.
        case counter
        /// A value that goes up and down.
        case gauge
        /// Observations counted into cumulative buckets, with their sum and count.
        case histogram
    }

    /// One metric family declaration: the values that ``describe(_:kind:help:buckets:)`` takes, plus the label
    /// names the family is recorded with (documentation only; they are not enforced).
    public struct Definition: Sendable, Hashable {
        /// The family's name, for example `weft_runs_total`.
        public let name: String
        /// The family's kind.
        public let kind: Kind
        /// The `# HELP` text.
        public let help: String
        /// The label names the family's series carry (empty for a single unlabelled series).
        public let labels: [String]
        /// A histogram's bucket upper bounds, or `nil` for ``Metrics/defaultBuckets``.
        public let buckets: [Double]?

        /// Creates a declaration.
        public init(name: String, kind: Kind, help: String, labels: [String] = [], buckets: [Double]? = nil) {
            self.name = name
            self.kind = kind
            self.help = help
            self.labels = labels
            self.buckets = buckets
        }
    }

    /// A gauge provider: returns the current samples of one gauge family as label sets with their values.
    public typealias GaugeProvider = @Sendable () async -> [([String: String], Double)]

    /// Bucket upper bounds (seconds) for latencies from half a millisecond to ten seconds; `+Inf` is always added.
    public static let defaultBuckets: [Double] = [
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
    ]

    private let state = Mutex(State())

    /// Creates an empty registry.
    public init() {}

    // MARK: Recording

    /// Adds `by` (default 1) to the counter `name` for the given labels.
    ///
    /// Negative and NaN increments are ignored, as is a `name` already used for a gauge or a histogram.
    public func increment(_ name: String, _ labels: [String: String] = [:], by: Double = 1) {
        guard !(by < 0), !by.isNaN, let key = Self.seriesKey(labels, kind: .counter) else { return }
        state.withLock { state in
            state.withFamily(name, kind: .counter) { family in
                family.values[key, default: 0] += by
            }
        }
    }

    /// Sets the gauge `name` for the given labels to `to`.
    ///
    /// Ignored when `name` is already used for a counter or a histogram.
    public func set(_ name: String, _ labels: [String: String] = [:], to: Double) {
        guard let key = Self.seriesKey(labels, kind: .gauge) else { return }
        state.withLock { state in
            state.withFamily(name, kind: .gauge) { family in
                family.values[key] = to
            }
        }
    }

    /// Records one observation (in seconds, for durations) into the histogram `name` for the given labels.
    ///
    /// The value is counted in the first bucket whose upper bound is at least the value (the rendering makes the
    /// counts cumulative); a NaN only lands in `+Inf`. Ignored when `name` is already used for a counter or a gauge.
    public func observe(_ name: String, _ labels: [String: String] = [:], _ value: Double) {
        guard let key = Self.seriesKey(labels, kind: .histogram) else { return }
        state.withLock { state in
            state.withFamily(name, kind: .histogram) { family in
                let bounds = family.buckets
                var low = 0
                var high = bounds.count  // index `bounds.count` stands for +Inf
                while low < high {
                    let middle = (low + high) / 2
                    if value <= bounds[middle] { high = middle } else { low = middle + 1 }
                }
                family.histograms[key, default: HistogramSeries(bucketCount: bounds.count + 1)].add(value, at: low)
            }
        }
    }

    /// Records one observation into the unlabelled histogram `name`: `observe(name, value)`.
    ///
    /// Swift does not skip the defaulted, unlabelled `labels` parameter of ``observe(_:_:_:)`` to reach the value,
    /// so this overload spells the unlabelled case.
    public func observe(_ name: String, _ value: Double) {
        observe(name, [:], value)
    }

    // MARK: Declaring

    /// Declares a family's kind, `# HELP` text and, for a histogram, its bucket upper bounds (seconds).
    ///
    /// `buckets` defaults to ``defaultBuckets``; it is sorted, deduplicated, and stripped of NaN and infinities
    /// (`+Inf` is always rendered). Declaring again replaces the help text; if the kind or the buckets change, the
    /// samples recorded so far are discarded (declarations belong at start-up). A declaration with an invalid name
    /// is ignored.
    public func describe(_ name: String, kind: Kind, help: String, buckets: [Double]? = nil) {
        guard Self.isValidMetricName(name) else { return }
        let bounds = kind == .histogram ? Self.normalizedBuckets(buckets ?? Self.defaultBuckets) : []
        state.withLock { state in
            if let existing = state.families[name], existing.kind == kind, existing.buckets == bounds {
                state.families[name]?.help = help
                return
            }
            var family = Family(kind: kind, buckets: bounds)
            family.help = help
            if kind == .gauge { family.provider = state.families[name]?.provider }
            state.families[name] = family
        }
    }

    /// Registers `provide` as the source of the gauge `name` at scrape time, replacing any earlier provider for it.
    ///
    /// ``renderAll()`` calls every provider and renders its samples; they take precedence over values ``set(_:_:to:)``
    /// for the same labels. ``render()`` does not call providers. Samples with invalid label names are dropped, and
    /// the registration is ignored when `name` is invalid or already used for a counter or a histogram.
    public func gaugeProvider(_ name: String, _ provide: @escaping GaugeProvider) {
        state.withLock { state in
            state.withFamily(name, kind: .gauge) { family in
                family.provider = provide
            }
        }
    }

    // MARK: Rendering

    /// The registry in the Prometheus text exposition format 0.0.4, without calling the gauge providers.
    public func render() -> String {
        state.withLock { state in Self.render(state.families, provided: [:]) }
    }

    /// Calls every gauge provider (concurrently, outside the lock), then renders the registry with their samples in
    /// the Prometheus text exposition format 0.0.4.
    public func renderAll() async -> String {
        let providers = state.withLock { state in
            state.families.compactMap { name, family in family.provider.map { (name, $0) } }
        }
        var provided: [String: [String: Double]] = [:]
        await withTaskGroup(of: (String, [([String: String], Double)]).self) { group in
            for (name, provide) in providers {
                group.addTask { (name, await provide()) }
            }
            for await (name, samples) in group {
                var values: [String: Double] = [:]
                for (labels, value) in samples {
                    if let key = Self.seriesKey(labels, kind: .gauge) { values[key] = value }
                }
                provided[name] = values
            }
        }
        return state.withLock { state in Self.render(state.families, provided: provided) }
    }

    /// Declares every family of ``weft`` and starts its unlabelled counters and histograms at zero, so that they are
    /// exposed (and `rate()` works) from the first scrape. Gauges appear once they are set or provided.
    public func describeWeftMetrics() {
        for definition in Self.weft {
            describe(definition.name, kind: definition.kind, help: definition.help, buckets: definition.buckets)
            guard definition.labels.isEmpty else { continue }
            state.withLock { state in
                state.withFamily(definition.name, kind: definition.kind) { family in
                    switch definition.kind {
                    case .counter:
                        family.values["", default: 0] += 0
                    case .histogram:
                        if family.histograms[""] == nil {
                            family.histograms[""] = HistogramSeries(bucketCount: family.buckets.count + 1)
                        }
                    case .gauge:
                        break
                    }
                }
            }
        }
    }
}

// MARK: - Storage

extension Metrics {
    /// One histogram series: per-bucket (not yet cumulative) counts, the last one for `+Inf`, and the sum.
    private struct HistogramSeries {
        var counts: [UInt64]
        var sum: Double = 0

        init(bucketCount: Int) {
            counts = Array(repeating: 0, count: bucketCount)
        }

        mutating func add(_ value: Double, at bucket: Int) {
            counts[bucket] += 1
            sum += value
        }
    }

    private struct Family {
        let kind: Kind
        /// Sorted finite upper bounds (histograms only); `+Inf` is implicit.
        let buckets: [Double]
        var help: String?
        /// Counter and gauge values by series key.
        var values: [String: Double] = [:]
        var histograms: [String: HistogramSeries] = [:]
        var provider: GaugeProvider?

        init(kind: Kind, buckets: [Double]) {
            self.kind = kind
            self.buckets = buckets
        }
    }

    private struct State {
        var families: [String: Family] = [:]

        /// Runs `body` on the family `name`, creating it with `kind` (and the default buckets) if it is new; does
        /// nothing when the name is invalid or the family has another kind.
        mutating func withFamily(_ name: String, kind: Kind, _ body: (inout Family) -> Void) {
            if families[name] == nil {
                guard Metrics.isValidMetricName(name) else { return }
                families[name] = Family(kind: kind, buckets: kind == .histogram ? Metrics.defaultBuckets : [])
            }
            guard families[name]?.kind == kind else { return }
            body(&families[name]!)
        }
    }
}

// MARK: - Names, labels and text

extension Metrics {
    /// Whether `name` matches `[a-zA-Z_:][a-zA-Z0-9_:]*`.
    private static func isValidMetricName(_ name: String) -> Bool {
        isValidName(name, allowsColon: true)
    }

    /// Whether `name` matches `[a-zA-Z_][a-zA-Z0-9_]*`.
    private static func isValidLabelName(_ name: String) -> Bool {
        isValidName(name, allowsColon: false)
    }

    private static func isValidName(_ name: String, allowsColon: Bool) -> Bool {
        var first = true
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
                break
            case UInt8(ascii: ":") where allowsColon:
                break
            case UInt8(ascii: "0")...UInt8(ascii: "9") where !first:
                break
            default:
                return false
            }
            first = false
        }
        return !first
    }

    /// The series key: the label pairs sorted by name and rendered as they appear between the braces
    /// (`a="x",b="y"`), or `nil` when a label name is not allowed for `kind`.
    private static func seriesKey(_ labels: [String: String], kind: Kind) -> String? {
        if labels.isEmpty { return "" }
        var key = ""
        for (name, value) in labels.sorted(by: { $0.key < $1.key }) {
            guard isValidLabelName(name), !name.hasPrefix("__"), !(kind == .histogram && name == "le") else {
                return nil
            }
            if !key.isEmpty { key += "," }
            key += name
            key += "=\""
            key += escapeLabelValue(value)
            key += "\""
        }
        return key
    }

    /// A label value with backslash, double quote and line feed escaped.
    private static func escapeLabelValue(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x5C || $0 == 0x22 || $0 == 0x0A }) else { return value }
        var escaped = ""
        for character in value.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// Help text with backslash and line feed escaped.
    private static func escapeHelp(_ help: String) -> String {
        help.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// A sample value as Prometheus writes it: integers without a fraction, `+Inf`, `-Inf`, `NaN`, otherwise the
    /// shortest text that reads back as the same `Double`.
    private static func formatValue(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 { return String(Int64(value)) }
        return value.description
    }

    private static func normalizedBuckets(_ buckets: [Double]) -> [Double] {
        Array(Set(buckets.filter(\.isFinite).map { $0 == 0 ? 0 : $0 })).sorted()
    }

    private static func render(_ families: [String: Family], provided: [String: [String: Double]]) -> String {
        var out = ""
        for (name, family) in families.sorted(by: { $0.key < $1.key }) {
            switch family.kind {
            case .counter, .gauge:
                var values = family.values
                if let samples = provided[name] { values.merge(samples) { _, fresh in fresh } }
                guard !values.isEmpty else { continue }
                writeHeader(name, family, into: &out)
                for (key, value) in values.sorted(by: { $0.key < $1.key }) {
                    writeSample(name, key, extra: nil, formatValue(value), into: &out)
                }
            case .histogram:
                guard !family.histograms.isEmpty else { continue }
                writeHeader(name, family, into: &out)
                let bucketName = name + "_bucket"
                let bounds = family.buckets.map { "le=\"\(formatValue($0))\"" } + ["le=\"+Inf\""]
                for (key, series) in family.histograms.sorted(by: { $0.key < $1.key }) {
                    var cumulative: UInt64 = 0
                    for (bound, count) in zip(bounds, series.counts) {
                        cumulative += count
                        writeSample(bucketName, key, extra: bound, String(cumulative), into: &out)
                    }
                    writeSample(name + "_sum", key, extra: nil, formatValue(series.sum), into: &out)
                    writeSample(name + "_count", key, extra: nil, String(cumulative), into: &out)
                }
            }
        }
        return out
    }

    private static func writeHeader(_ name: String, _ family: Family, into out: inout String) {
        if let help = family.help {
            out += "# HELP \(name) \(escapeHelp(help))\n"
        }
        out += "# TYPE \(name) \(family.kind.rawValue)\n"
    }

    private static func writeSample(
        _ name: String, _ key: String, extra: String?, _ value: String, into out: inout String
    ) {
        out += name
        switch (key.isEmpty, extra) {
        case (true, nil): break
        case (true, let extra?): out += "{\(extra)}"
        case (false, nil): out += "{\(key)}"
        case (false, let extra?): out += "{\(key),\(extra)}"
        }
        out += " "
        out += value
        out += "\n"
    }
}
