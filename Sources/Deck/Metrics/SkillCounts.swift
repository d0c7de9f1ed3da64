/// How many tasks each skill ran. Skill ids come from the operator or a card (an agent can
/// make up any number of them), so the distinct names are bounded; the rest add to `others`.
public struct SkillCounts: Sendable, Hashable {
    public static let maxSkills = 16
    /// Longer ids are cut: the count is what matters, not a megabyte name.
    public static let maxIDLength = 64

    public private(set) var counts: [String: Int] = [:]
    /// Runs of skills beyond `maxSkills` distinct names.
    public private(set) var others = 0

    public init() {}

    public mutating func add(_ skill: String, count: Int = 1) {
        guard count > 0 else { return }
        let id = skill.count > Self.maxIDLength ? String(skill.prefix(Self.maxIDLength)) : skill
        if counts[id] != nil || counts.count < Self.maxSkills {
            counts[id, default: 0] += count
        } else {
            others += count
        }
    }

    public mutating func add(_ other: SkillCounts) {
        // Largest first, so a merge keeps the busiest names when the bound bites.
        for (id, n) in other.counts.sorted(by: SkillCount.busiestFirst) { add(id, count: n) }
        others += other.others
    }

    /// Busiest first, then by name.
    public var ranked: [SkillCount] {
        counts.sorted(by: SkillCount.busiestFirst).map { SkillCount(skill: $0.key, count: $0.value) }
    }
}

/// One skill and how often it ran.
public struct SkillCount: Sendable, Hashable {
    public var skill: String
    public var count: Int
    public init(skill: String, count: Int) {
        self.skill = skill
        self.count = count
    }

    static func busiestFirst(_ a: (key: String, value: Int), _ b: (key: String, value: Int)) -> Bool {
        a.value != b.value ? a.value > b.value : a.key < b.key
    }
}
