#pragma once

#include "providers/MessageStatus.h"

#include <QColor>
#include <QRectF>
#include <QString>

class QPainter;
class QPalette;

// The delivery marks both lists draw: clock for pending/sending, one tick sent, two delivered,
// two blue read, a red mark for failed, a question mark for unknown.
namespace StatusTicks
{

// Width the mark needs at `height`.
qreal width(qreal height);
void paint(QPainter* painter, const QRectF& rect, MessageStatus status, const QColor& ink);
// For tooltips and accessibility.
QString describe(MessageStatus status);

// Colours shared by the delegates.
QColor readBlue();
QColor failedRed();

} // namespace StatusTicks
