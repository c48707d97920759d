#pragma once

#include <QMetaType>
#include <QString>

// FlowChat's delivery ladder (architecture §3). Ranks only go up; Failed/Undelivered are terminal
// outcomes; Unknown marks a send whose outcome we could not learn (crash or timeout mid-request).
enum class MessageStatus
{
    Pending,
    Sending,
    Queued,
    Sent,
    Delivered,
    Read,
    Failed,
    Undelivered,
    Unknown,
    Received, // inbound messages
};

namespace Status
{

// Position on the ladder; terminal and out-of-ladder values return -1.
int rank(MessageStatus status);
bool isTerminal(MessageStatus status);
QString toString(MessageStatus status);
// Parses our own names ("pending", "read", ...). Unknown strings give std::nullopt.
std::optional<MessageStatus> fromString(const QString& name);

} // namespace Status

Q_DECLARE_METATYPE(MessageStatus)
