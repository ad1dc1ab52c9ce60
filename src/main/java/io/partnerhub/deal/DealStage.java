package io.partnerhub.deal;

/**
 * Where the partner's sale stands, whatever the provider decided about the deal: in progress,
 * won, or lost (with a {@link LostReason}). A lost deal can be reopened; a won deal stays won.
 */
public enum DealStage {
    IN_PROGRESS, WON, LOST;

    /** The moves the pipeline allows: IN_PROGRESS to WON or LOST, and LOST back to IN_PROGRESS. */
    public boolean canMoveTo(DealStage next) {
        return switch (this) {
            case IN_PROGRESS -> next == WON || next == LOST;
            case LOST -> next == IN_PROGRESS;
            case WON -> false;
        };
    }
}
