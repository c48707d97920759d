#pragma once

#include "providers/MessageStatus.h"

// The rule that decides whether a delivery status moves a sent message's current status or only
// joins its history (architecture §3). Pure: no SQL, no objects; MessageWriter does the writing.
namespace StatusLadder
{

enum class Move
{
    Advance, // the message takes the incoming status
    HistoryOnly, // recorded in the history; the current status stays
};

// Once terminal or Received, history only; a failure after delivered or read is history only (the
// customer has the message); otherwise the status moves only up the ladder. Unknown, as a current
// status, sits with Sending: the request may have left.
Move decide(MessageStatus current, MessageStatus incoming);

// Sort key for statuses that arrived before their message had a provider id: early statuses in
// ladder order, terminal outcomes last, so decide() sees them as if they had arrived in order.
int applicationOrder(MessageStatus status);

} // namespace StatusLadder
