import Hummingbird
import WeftJSON

/// JSON responses written with WeftJSON (key order kept, JavaScript number formatting).
public enum JSONResponse {
    /// A response with `value` as its JSON body.
    public static func make(_ status: HTTPResponse.Status, _ value: JSON) -> Response {
        var buffer = ByteBuffer()
        buffer.writeBytes(value.serializedBytes())
        return Response(
            status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: buffer))
    }
}
