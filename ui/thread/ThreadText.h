#pragma once

#include "app/store/StoreTypes.h"

#include <QString>
#include <QStringList>

// The words a thread row shows, as pure functions of the stored message: no model, no store.
namespace ThreadText
{
// What a message shows as text: the body, then a line per media, location, contact or reaction.
QString displayText(const StoredMessage& message);
// The first line of displayText(): what a quote of the message shows.
QString preview(const StoredMessage& message);
// Who wrote it, for a quote: "You", or the customer's name or number.
QString author(const StoredMessage& message);
// A reply's quote: {author, first line of the quoted message}; empty when it is not a reply.
QStringList quote(const StoredMessage& reply);
// What a screen reader says for the row: who sent it, then displayText().
QString accessibleText(const StoredMessage& message);
// A failed (or unknown) send in words: a short title and what to do; empty for any other status.
QString errorTitle(const StoredMessage& message);
QString errorAdvice(const StoredMessage& message);
// The provider id a reaction answers; empty when `message` is not a reaction or names no target.
QString reactionTarget(const StoredMessage& message);
// The customer's emoji of a reaction; empty when taken back (or not a reaction).
QString reactionEmoji(const StoredMessage& message);
} // namespace ThreadText
