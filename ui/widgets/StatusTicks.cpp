#include "ui/widgets/StatusTicks.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPainterPath>

namespace StatusTicks
{

QColor readBlue()
{
    return QColor(0x1d, 0x8c, 0xe0);
}

QColor failedRed()
{
    return QColor(0xd9, 0x30, 0x25);
}

qreal width(qreal height)
{
    return height * 1.45;
}

namespace
{

void tick(QPainter* painter, const QRectF& box, qreal dx)
{
    QPainterPath path;
    const qreal h = box.height();
    path.moveTo(box.left() + dx + h * 0.10, box.top() + h * 0.55);
    path.lineTo(box.left() + dx + h * 0.38, box.top() + h * 0.82);
    path.lineTo(box.left() + dx + h * 0.90, box.top() + h * 0.22);
    painter->drawPath(path);
}

} // namespace

void paint(QPainter* painter, const QRectF& rect, MessageStatus status, const QColor& ink)
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const qreal h = rect.height();
    QPen pen(ink, qMax(1.2, h * 0.12), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter->setBrush(Qt::NoBrush);
    switch (status) {
    case MessageStatus::Pending:
    case MessageStatus::Sending:
    case MessageStatus::Queued: {
        painter->setPen(pen);
        const QRectF face(rect.left() + h * 0.1, rect.top() + h * 0.1, h * 0.8, h * 0.8);
        painter->drawEllipse(face);
        const QPointF c = face.center();
        painter->drawLine(c, QPointF(c.x(), face.top() + h * 0.2));
        painter->drawLine(c, QPointF(c.x() + h * 0.2, c.y()));
        break;
    }
    case MessageStatus::Sent:
        painter->setPen(pen);
        tick(painter, rect, 0);
        break;
    case MessageStatus::Delivered:
    case MessageStatus::Read:
        pen.setColor(status == MessageStatus::Read ? readBlue() : ink);
        painter->setPen(pen);
        tick(painter, rect, 0);
        tick(painter, rect, h * 0.45);
        break;
    case MessageStatus::Failed:
    case MessageStatus::Undelivered: {
        const QRectF face(rect.left() + h * 0.05, rect.top() + h * 0.05, h * 0.9, h * 0.9);
        painter->setPen(Qt::NoPen);
        painter->setBrush(failedRed());
        painter->drawEllipse(face);
        painter->setPen(QPen(Qt::white, qMax(1.4, h * 0.13), Qt::SolidLine, Qt::RoundCap));
        const qreal x = face.center().x();
        painter->drawLine(QPointF(x, face.top() + h * 0.2), QPointF(x, face.top() + h * 0.52));
        painter->drawPoint(QPointF(x, face.top() + h * 0.7));
        break;
    }
    case MessageStatus::Unknown: {
        QFont font = painter->font();
        font.setBold(true);
        font.setPixelSize(qMax(8, int(h)));
        painter->setFont(font);
        painter->setPen(QColor(0xc2, 0x7c, 0x0e));
        painter->drawText(rect, Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("?"));
        break;
    }
    case MessageStatus::Received:
        break;
    }
    painter->restore();
}

QString describe(MessageStatus status)
{
    switch (status) {
    case MessageStatus::Pending:
        return QCoreApplication::translate("StatusTicks", "Waiting to send");
    case MessageStatus::Sending:
        return QCoreApplication::translate("StatusTicks", "Sending");
    case MessageStatus::Queued:
        return QCoreApplication::translate("StatusTicks", "Queued by the provider");
    case MessageStatus::Sent:
        return QCoreApplication::translate("StatusTicks", "Sent");
    case MessageStatus::Delivered:
        return QCoreApplication::translate("StatusTicks", "Delivered");
    case MessageStatus::Read:
        return QCoreApplication::translate("StatusTicks", "Read");
    case MessageStatus::Failed:
        return QCoreApplication::translate("StatusTicks", "Failed");
    case MessageStatus::Undelivered:
        return QCoreApplication::translate("StatusTicks", "Not delivered");
    case MessageStatus::Unknown:
        return QCoreApplication::translate("StatusTicks", "Outcome unknown");
    case MessageStatus::Received:
        return QCoreApplication::translate("StatusTicks", "Received");
    }
    return {};
}

} // namespace StatusTicks
