#include "app/store/StatusLadder.h"

namespace
{

// Where a current status sits on the ladder: `unknown` means the request may have left, so it sits
// with `sending`.
int effectiveRank(MessageStatus status)
{
    if (status == MessageStatus::Unknown) {
        return Status::rank(MessageStatus::Sending);
    }
    return Status::rank(status);
}

} // namespace

namespace StatusLadder
{

Move decide(MessageStatus current, MessageStatus incoming)
{
    if (Status::isTerminal(current) || current == MessageStatus::Received) {
        return Move::HistoryOnly;
    }
    if (Status::isTerminal(incoming)) {
        // A failure after delivery or read is only history: the customer has the message.
        return effectiveRank(current) < Status::rank(MessageStatus::Delivered) ? Move::Advance : Move::HistoryOnly;
    }
    return Status::rank(incoming) > effectiveRank(current) ? Move::Advance : Move::HistoryOnly;
}

int applicationOrder(MessageStatus status)
{
    return Status::isTerminal(status) ? 100 : Status::rank(status);
}

} // namespace StatusLadder
