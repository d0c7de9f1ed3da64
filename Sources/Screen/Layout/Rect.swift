/// A rectangle of cells. Width and height are never negative.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    /// One column past the right edge.
    public var right: Int { x + width }
    /// One row past the bottom edge.
    public var bottom: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }

    public var description: String { "Rect(x: \(x), y: \(y), \(width)x\(height))" }

    public func contains(x column: Int, y row: Int) -> Bool {
        column >= x && column < right && row >= y && row < bottom
    }

    /// The overlap of two rectangles (empty when they do not meet).
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x)
        let top = max(y, other.y)
        let rightEdge = min(right, other.right)
        let bottomEdge = min(bottom, other.bottom)
        guard rightEdge > left, bottomEdge > top else { return Rect(x: left, y: top, width: 0, height: 0) }
        return Rect(x: left, y: top, width: rightEdge - left, height: bottomEdge - top)
    }

    /// Shrinks by `amount` on every side.
    public func inset(by amount: Int) -> Rect {
        inset(horizontal: amount, vertical: amount)
    }

    /// Shrinks by `horizontal` on the left and right and `vertical` on the top and bottom.
    public func inset(horizontal: Int, vertical: Int) -> Rect {
        let newWidth = max(0, width - 2 * horizontal)
        let newHeight = max(0, height - 2 * vertical)
        return Rect(x: x + min(horizontal, width / 2), y: y + min(vertical, height / 2), width: newWidth, height: newHeight)
    }

    /// The single-row rectangle `offset` rows down (empty when outside).
    public func row(_ offset: Int) -> Rect {
        guard offset >= 0, offset < height else { return Rect(x: x, y: y + max(0, offset), width: width, height: 0) }
        return Rect(x: x, y: y + offset, width: width, height: 1)
    }

    /// Stacks pieces top to bottom, sized by `constraints` (see `Constraint`).
    public func rows(_ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        Constraint.sizes(constraints, total: height, spacing: spacing).map { piece in
            Rect(x: x, y: y + piece.offset, width: width, height: piece.size)
        }
    }

    /// Places pieces left to right, sized by `constraints` (see `Constraint`).
    public func columns(_ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        Constraint.sizes(constraints, total: width, spacing: spacing).map { piece in
            Rect(x: x + piece.offset, y: y, width: piece.size, height: height)
        }
    }
}
