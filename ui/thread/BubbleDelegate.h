#pragma once

#include <QCache>
#include <QHash>
#include <QStyledItemDelegate>

class QTextLayout;

// Paints a thread message as a bubble: inbound on the left, outbound on the right, a day
// separator above the first message of a day, time and delivery ticks, the template's name, the
// quoted message of a reply, an image's thumbnail, the customer's reaction as a badge on the
// bubble's edge, and for a failed message the catalogue's title, code and advice under the bubble. Text is laid out
// with QTextLayout (plain text only) and cached per message, width and state, like Chatterino's
// MessageLayout; sizeHint() and paint() share the cache.
class BubbleDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit BubbleDelegate(QObject* parent = nullptr);
    ~BubbleDelegate() override;

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    bool helpEvent(QHelpEvent* event,
                   QAbstractItemView* view,
                   const QStyleOptionViewItem& option,
                   const QModelIndex& index) override;

    // What the links under a failed or unknown message do.
    enum class Action
    {
        None,
        Retry, // failed: send it again
        Resend, // unknown: send again, accepting a possible duplicate
        Dismiss, // unknown: treat as not sent
    };
    // The link under the bubble at `pos` (view coordinates), if any.
    Action actionAt(const QStyleOptionViewItem& option, const QModelIndex& index, const QPoint& pos) const;
    QRect actionRect(const QStyleOptionViewItem& option, const QModelIndex& index, Action action) const;
    static QString actionText(Action action); // the link's words

    // Font or palette changed: every layout is stale.
    void clearCache();
    // The bubble's rectangle inside the row, for tests and hit testing.
    QRect bubbleRect(const QStyleOptionViewItem& option, const QModelIndex& index) const;

    static QString dayLabel(qint64 epochMs, qint64 nowMs);

private:
    struct Layout;
    QList<QPair<Action, QRect>> actionRects(const QStyleOptionViewItem& option, const QModelIndex& index) const;
    const Layout& layoutFor(const QStyleOptionViewItem& option, const QModelIndex& index) const;

    mutable QCache<QString, Layout> m_cache;
    // Every row's size, however long the thread: the view asks for all of them on each page it
    // prepends, and recomputing text layouts evicted from m_cache made scrolling quadratic.
    struct SizeKey
    {
        qint64 id = 0;
        int width = 0;
        int status = 0;
        bool dayStarts = false;
        int revision = 0; // quote, reaction or thumbnail changed
        bool operator==(const SizeKey&) const = default;
    };
    friend size_t qHash(const SizeKey& key, size_t seed)
    {
        return qHashMulti(seed, key.id, key.width, key.status, key.dayStarts, key.revision);
    }
    mutable QHash<SizeKey, QSize> m_sizes;
};
