#pragma once

#include <QStyledItemDelegate>

// One conversation row: avatar with initials, name, snippet, time, unread badge, last tick and
// a green dot while the 24-hour window is open. Reads semantic roles only.
class ConversationDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // "14:05" today, "Yesterday", a weekday within a week, else a short date.
    static QString shortTime(qint64 epochMs, qint64 nowMs);
};
