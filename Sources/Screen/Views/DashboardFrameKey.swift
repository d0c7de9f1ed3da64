import Deck
import Foundation

/// Everything a dashboard frame is drawn from: two equal keys draw the same cells. The view
/// model is nearly all of it; the tasks pane also reads the clock for each row's age, so the
/// ages as shown are part of the key. A frame whose key equals the last drawn one's needs no
/// cells built (an idle console wakes for card polls that change nothing on screen).
public struct DashboardFrameKey: Hashable, Sendable {
    let model: DeckViewModel
    let ages: [String]
    let options: DashboardView.Options
    let width: Int
    let height: Int

    public init(_ model: DeckViewModel, now: Date, options: DashboardView.Options, width: Int, height: Int) {
        self.model = model
        ages = model.tasks.map { TasksPaneView.age(of: $0, now: now) }
        self.options = options
        self.width = width
        self.height = height
    }
}
