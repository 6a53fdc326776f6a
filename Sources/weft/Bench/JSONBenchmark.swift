import Foundation
import WeftJSON

/// Measures WeftJSON against Foundation's `JSONSerialization` and `JSONDecoder`/`JSONEncoder` on one document.
///
/// Each library parses and serializes the same bytes `iterations` times after one warm-up run; the table
/// reports the median time per run in microseconds and the throughput in MB/s (10^6 bytes of input per
/// second, also for serializing, so the columns compare directly).
struct JSONBenchmark {
    /// Runs the benchmark on `data` and returns a readable table, or an explanation when `data` is not JSON.
    static func run(data: [UInt8], iterations: Int) -> String {
        let iterations = max(iterations, 1)
        let foundationData = Data(data)
        let weftValue: JSON
        do {
            weftValue = try JSONParser().parse(data)
        } catch {
            return "The document is not valid JSON: \(error)"
        }
        guard
            let foundationValue = try? JSONSerialization.jsonObject(with: foundationData, options: [.fragmentsAllowed])
        else {
            return "JSONSerialization could not parse the document."
        }
        guard let codableValue = try? JSONDecoder().decode(CodableJSON.self, from: foundationData) else {
            return "JSONDecoder could not decode the document."
        }

        var rows: [(String, Duration)] = []
        rows.append(
            (
                "WeftJSON parse",
                measure(iterations) {
                    _ = try? JSONParser().parse(data)
                }
            ))
        rows.append(
            (
                "JSONSerialization parse",
                measure(iterations) {
                    _ = try? JSONSerialization.jsonObject(with: foundationData, options: [.fragmentsAllowed])
                }
            ))
        rows.append(
            (
                "JSONDecoder parse",
                measure(iterations) {
                    _ = try? JSONDecoder().decode(CodableJSON.self, from: foundationData)
                }
            ))
        rows.append(
            (
                "WeftJSON serialize",
                measure(iterations) {
                    _ = weftValue.serializedBytes()
                }
            ))
        rows.append(
            (
                "JSONSerialization serialize",
                measure(iterations) {
                    _ = try? JSONSerialization.data(withJSONObject: foundationValue, options: [.fragmentsAllowed])
                }
            ))
        rows.append(
            (
                "JSONEncoder serialize",
                measure(iterations) {
                    _ = try? JSONEncoder().encode(codableValue)
                }
            ))

        var lines: [String] = []
        lines.append("document: \(data.count) bytes, \(iterations) iterations, median per run")
        lines.append(pad("", 28) + padLeft("µs", 12) + padLeft("MB/s", 10))
        for (name, duration) in rows {
            let micros = microseconds(duration)
            let megabytesPerSecond = micros > 0 ? Double(data.count) / micros : 0
            lines.append(pad(name, 28) + padLeft(fixed(micros, 1), 12) + padLeft(fixed(megabytesPerSecond, 1), 10))
        }
        return lines.joined(separator: "\n")
    }

    /// The median duration of `iterations` runs of `body`, after one warm-up run.
    private static func measure(_ iterations: Int, _ body: () -> Void) -> Duration {
        let clock = ContinuousClock()
        body()
        var durations: [Duration] = []
        durations.reserveCapacity(iterations)
        for _ in 0..<iterations {
            durations.append(clock.measure(body))
        }
        durations.sort()
        return durations[durations.count / 2]
    }

    private static func microseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1e6 + Double(attoseconds) / 1e12
    }

    private static func fixed(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private static func padLeft(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}

/// A generic JSON value decoded through `Codable`, as an application without a JSON library would write it.
private enum CodableJSON: Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([CodableJSON])
    case object([String: CodableJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([CodableJSON].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: CodableJSON].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .number(let number): try container.encode(number)
        case .string(let string): try container.encode(string)
        case .array(let array): try container.encode(array)
        case .object(let object): try container.encode(object)
        }
    }
}
