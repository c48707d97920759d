#include "ui/conversations/ConversationDelegate.h"

#include "app/store/StoreTypes.h"
#include "ui/conversations/ConversationListModel.h"
#include "ui/widgets/StatusTicks.h"
#include "ui/widgets/TimeFormat.h"

#include <QApplication>
#include <QDateTime>
#include <QLocale>
#include <QPainter>

namespace
{

// A stable colour per conversation so an agent recognises people by their avatar.
QColor avatarColour(const QString& key)
{
    static const QColor colours[] = {QColor(0x5b, 0x8d, 0xef),
                                     QColor(0x2e, 0xa4, 0x7d),
                                     QColor(0xe0, 0x7a, 0x3f),
                                     QColor(0x9b, 0x6b, 0xd6),
                                     QColor(0xd1, 0x4d, 0x72),
                                     QColor(0x3a, 0x9f, 0xbf),
                                     QColor(0x8a, 0x9a, 0x2c),
                                     QColor(0xc0, 0x5a, 0x4a)};
    return colours[qHash(key) % (sizeof(colours) / sizeof(colours[0]))];
}

} // namespace

QString ConversationDelegate::shortTime(qint64 epochMs, qint64 nowMs)
{
    if (epochMs <= 0) {
        return {};
    }
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(epochMs).toLocalTime();
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs).toLocalTime().date();
    const QLocale locale;
    if (when.date() == today) {
        return TimeFormat::clock(when.time());
    }
    if (when.date() == today.addDays(-1)) {
        return tr("Yesterday");
    }
    if (when.date() > today.addDays(-7)) {
        return locale.dayName(when.date().dayOfWeek(), QLocale::ShortFormat);
    }
    return locale.toString(when.date(), QLocale::ShortFormat);
}

QSize ConversationDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    const QFontMetrics fm(option.font);
    return QSize(280, qMax(56, fm.height() * 2 + 22));
}

void ConversationDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QPalette& pal = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    const bool hovered = option.state & QStyle::State_MouseOver;
    const QRect r = option.rect;
    if (selected) {
        painter->fillRect(r, pal.color(QPalette::Highlight));
    } else if (hovered) {
        painter->fillRect(r, pal.color(QPalette::AlternateBase));
    }
    const QColor text = pal.color(selected ? QPalette::HighlightedText : QPalette::Text);
    QColor muted = text;
    muted.setAlphaF(0.62f);

    const int margin = 10;
    const int avatar = r.height() - 2 * margin;
    const QRect avatarRect(r.left() + margin, r.top() + margin, avatar, avatar);
    painter->setPen(Qt::NoPen);
    painter->setBrush(avatarColour(index.data(ConversationListModel::E164Role).toString()));
    painter->drawEllipse(avatarRect);
    QFont avatarFont = option.font;
    avatarFont.setBold(true);
    avatarFont.setPixelSize(qMax(10, avatar * 2 / 5));
    painter->setFont(avatarFont);
    painter->setPen(Qt::white);
    painter->drawText(avatarRect, Qt::AlignCenter, index.data(ConversationListModel::InitialsRole).toString());

    // The green dot on the avatar: the customer wrote within 24 hours, free text is allowed.
    if (index.data(ConversationListModel::WindowOpenRole).toBool()) {
        const int d = qMax(9, avatar / 4);
        const QRect dot(avatarRect.right() - d + 2, avatarRect.bottom() - d + 2, d, d);
        painter->setPen(QPen(pal.color(selected ? QPalette::Highlight : QPalette::Base), 2));
        painter->setBrush(QColor(0x25, 0xb1, 0x5a));
        painter->drawEllipse(dot);
    }

    const int left = avatarRect.right() + margin + 2;
    const int right = r.right() - margin;
    const QFontMetrics fm(option.font);
    const int lineHeight = fm.height();
    const int top1 = r.top() + (r.height() - 2 * lineHeight - 4) / 2;
    const int top2 = top1 + lineHeight + 4;

    const qint64 at = index.data(ConversationListModel::LastMessageAtRole).toLongLong();
    const QString time = shortTime(at, QDateTime::currentMSecsSinceEpoch());
    const int unread = index.data(ConversationListModel::UnreadRole).toInt();
    QFont timeFont = option.font;
    timeFont.setPointSizeF(option.font.pointSizeF() * 0.88);
    const QFontMetrics tfm(timeFont);
    const int timeWidth = tfm.horizontalAdvance(time);
    painter->setFont(timeFont);
    painter->setPen(unread > 0 && !selected ? QColor(0x25, 0xb1, 0x5a) : muted);
    painter->drawText(QRect(right - timeWidth, top1, timeWidth, lineHeight), Qt::AlignRight | Qt::AlignVCenter, time);

    QFont nameFont = option.font;
    nameFont.setBold(unread > 0);
    nameFont.setWeight(unread > 0 ? QFont::Bold : QFont::DemiBold);
    painter->setFont(nameFont);
    painter->setPen(text);
    const QFontMetrics nfm(nameFont);
    const QRect nameRect(left, top1, right - timeWidth - 8 - left, lineHeight);
    painter->drawText(
        nameRect,
        Qt::AlignLeft | Qt::AlignVCenter,
        nfm.elidedText(index.data(ConversationListModel::NameRole).toString(), Qt::ElideRight, nameRect.width()));

    int snippetLeft = left;
    int snippetRight = right;
    if (unread > 0) {
        QFont badgeFont = option.font;
        badgeFont.setBold(true);
        badgeFont.setPointSizeF(option.font.pointSizeF() * 0.82);
        const QFontMetrics bfm(badgeFont);
        const QString count = unread > 99 ? QStringLiteral("99+") : QString::number(unread);
        const int h = bfm.height() + 2;
        const int w = qMax(h, bfm.horizontalAdvance(count) + 10);
        const QRect badge(right - w, top2 + (lineHeight - h) / 2, w, h);
        painter->setPen(Qt::NoPen);
        painter->setBrush(QColor(0x25, 0xb1, 0x5a));
        painter->drawRoundedRect(badge, h / 2.0, h / 2.0);
        painter->setFont(badgeFont);
        painter->setPen(Qt::white);
        painter->drawText(badge, Qt::AlignCenter, count);
        snippetRight = badge.left() - 8;
    }
    const auto direction = MessageDirection(index.data(ConversationListModel::LastDirectionRole).toInt());
    if (direction == MessageDirection::Outbound && at > 0) {
        const int h = lineHeight * 3 / 4;
        const int w = int(StatusTicks::width(h));
        StatusTicks::paint(painter,
                           QRectF(left, top2 + (lineHeight - h) / 2.0, w, h),
                           index.data(ConversationListModel::LastStatusRole).value<MessageStatus>(),
                           muted);
        snippetLeft += w + 4;
    }
    painter->setFont(option.font);
    painter->setPen(muted);
    const QRect snippetRect(snippetLeft, top2, snippetRight - snippetLeft, lineHeight);
    painter->drawText(
        snippetRect,
        Qt::AlignLeft | Qt::AlignVCenter,
        fm.elidedText(index.data(ConversationListModel::SnippetRole).toString(), Qt::ElideRight, snippetRect.width()));

    if (!selected) {
        painter->setPen(QColor(128, 128, 128, 40));
        painter->drawLine(left, r.bottom(), r.right(), r.bottom());
    }
    if (option.state & QStyle::State_HasFocus) {
        painter->setPen(QPen(pal.color(QPalette::Highlight).darker(130), 1, Qt::DotLine));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(r.adjusted(0, 0, -1, -1));
    }
    painter->restore();
}
