#include "ui/thread/BubbleDelegate.h"

#include "app/store/StoreTypes.h"
#include "ui/thread/ThreadModel.h"
#include "ui/widgets/StatusTicks.h"
#include "ui/widgets/TimeFormat.h"

#include <QAbstractItemView>
#include <QDateTime>
#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <memory>

namespace
{

constexpr int kRowGap = 3;
constexpr int kSideMargin = 14;
constexpr int kPadX = 10;
constexpr int kPadY = 6;
constexpr int kMaxBubble = 560;
const QColor kQuoteGreen(0x1f, 0xa8, 0x55);

bool isDark(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

QColor bubbleColour(const QPalette& palette, bool outbound)
{
    if (isDark(palette)) {
        return outbound ? QColor(0x00, 0x5c, 0x4b) : QColor(0x20, 0x2c, 0x33);
    }
    return outbound ? QColor(0xd9, 0xfd, 0xd3) : QColor(Qt::white);
}

QFont smallFont(const QFont& base)
{
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() > 0 ? base.pointSizeF() * 0.85 : 8);
    return f;
}

// Lays `text` out at `width`; returns the height used and the widest line.
QSizeF layoutText(QTextLayout& layout, qreal width)
{
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.setCacheEnabled(true);
    qreal height = 0;
    qreal widest = 0;
    layout.beginLayout();
    while (true) {
        QTextLine line = layout.createLine();
        if (!line.isValid()) {
            break;
        }
        line.setLineWidth(width);
        line.setPosition(QPointF(0, height));
        height += line.height();
        widest = qMax(widest, line.naturalTextWidth());
    }
    layout.endLayout();
    return {widest, height};
}

} // namespace

struct BubbleDelegate::Layout
{
    std::unique_ptr<QTextLayout> body;
    std::unique_ptr<QTextLayout> error;
    QSizeF bodySize;
    QSizeF errorSize;
    QString templateLabel;
    QString time;
    QString quoteAuthor;
    QString quoteText;
    QString reaction;
    QSize thumbnail; // empty: no image
    int separatorHeight = 0;
    int templateHeight = 0;
    int quoteHeight = 0;
    int reactionHeight = 0;
    int actionsHeight = 0; // the Retry, or Resend and Dismiss, links under an error
    int metaHeight = 0;
    int metaWidth = 0;
    int bubbleWidth = 0;
    int bubbleHeight = 0;
    int totalHeight = 0;
};

BubbleDelegate::BubbleDelegate(QObject* parent)
    : QStyledItemDelegate(parent)
    , m_cache(2000)
{
}

BubbleDelegate::~BubbleDelegate() = default;

void BubbleDelegate::clearCache()
{
    m_cache.clear();
    m_sizes.clear();
}

QString BubbleDelegate::dayLabel(qint64 epochMs, qint64 nowMs)
{
    const QDate day = QDateTime::fromMSecsSinceEpoch(epochMs).toLocalTime().date();
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs).toLocalTime().date();
    if (day == today) {
        return tr("Today");
    }
    if (day == today.addDays(-1)) {
        return tr("Yesterday");
    }
    return QLocale().toString(day, day.year() == today.year() ? tr("dddd, d MMMM") : tr("d MMMM yyyy"));
}

const BubbleDelegate::Layout& BubbleDelegate::layoutFor(const QStyleOptionViewItem& option,
                                                        const QModelIndex& index) const
{
    const auto* view = qobject_cast<const QAbstractItemView*>(option.widget);
    const int viewWidth = view ? view->viewport()->width() : option.rect.width();
    const auto status = index.data(ThreadModel::StatusRole).value<MessageStatus>();
    const bool dayStarts = index.data(ThreadModel::DayStartsRole).toBool();
    const QString key = QStringLiteral("%1:%2:%3:%4:%5")
                            .arg(index.data(ThreadModel::IdRole).toLongLong())
                            .arg(viewWidth)
                            .arg(int(status))
                            .arg(dayStarts ? 1 : 0)
                            .arg(index.data(ThreadModel::RevisionRole).toInt());
    if (Layout* cached = m_cache.object(key)) {
        return *cached;
    }

    auto* l = new Layout;
    const QFontMetrics fm(option.font);
    const QFont small = smallFont(option.font);
    const QFontMetrics sfm(small);
    const int maxBubble = qMin(kMaxBubble, int((viewWidth - 2 * kSideMargin) * 0.75));
    const int maxInner = qMax(80, maxBubble - 2 * kPadX);

    if (dayStarts) {
        l->separatorHeight = sfm.height() + 18;
    }
    const QString templateName = index.data(ThreadModel::TemplateNameRole).toString();
    if (!templateName.isEmpty()) {
        l->templateLabel = tr("Template: %1").arg(templateName);
        l->templateHeight = sfm.height() + 2;
    }
    const QStringList quote = index.data(ThreadModel::QuoteRole).toStringList();
    if (quote.size() == 2) {
        l->quoteAuthor = quote.at(0);
        l->quoteText = quote.at(1);
        l->quoteHeight = (l->quoteAuthor.isEmpty() ? 1 : 2) * sfm.height() + 10;
    }
    l->thumbnail = index.data(ThreadModel::ThumbnailSizeRole).toSize();
    l->reaction = index.data(ThreadModel::ReactionsRole).toString();
    if (!l->reaction.isEmpty()) {
        l->reactionHeight = (fm.height() + 4) / 2 + 2; // the badge hangs half below the bubble
    }
    // QTextLayout breaks lines only at U+2028, never at '\n'. With a thumbnail the picture says
    // "photo": only the caption is text.
    QString body = l->thumbnail.isValid() ? index.data(ThreadModel::BodyRole).toString()
                                          : index.data(ThreadModel::DisplayTextRole).toString();
    if (const QString imageError = index.data(ThreadModel::ThumbnailErrorRole).toString(); !imageError.isEmpty()) {
        // The provider's first sentence is enough here; the whole answer is in the request inspector.
        const QString reason = imageError.section(QStringLiteral(". "), 0, 0);
        body.prepend(tr("Image not available — %1").arg(sfm.elidedText(reason, Qt::ElideRight, maxInner * 2))
                     + QLatin1Char('\n'));
    }
    body.replace(QLatin1Char('\n'), QChar::LineSeparator);
    l->body = std::make_unique<QTextLayout>(body, option.font);
    l->bodySize = layoutText(*l->body, maxInner);

    l->time = TimeFormat::clock(
        QDateTime::fromMSecsSinceEpoch(index.data(ThreadModel::SentAtRole).toLongLong()).toLocalTime().time());
    const bool outbound =
        MessageDirection(index.data(ThreadModel::DirectionRole).toInt()) == MessageDirection::Outbound;
    if (const QString agent = index.data(ThreadModel::AgentRole).toString(); outbound && !agent.isEmpty()) {
        // Who on the team wrote it, before the time: "Ana Souza · 14:02".
        l->time = agent + QStringLiteral(" · ") + l->time;
    }
    l->metaHeight = sfm.height();
    l->metaWidth = sfm.horizontalAdvance(l->time) + (outbound ? int(StatusTicks::width(sfm.height() * 0.8)) + 4 : 0);

    const int quoteWidth =
        l->quoteHeight > 0
            ? qMin(maxInner, qMax(sfm.horizontalAdvance(l->quoteAuthor), sfm.horizontalAdvance(l->quoteText)) + 16)
            : 0;
    const int content = std::max({int(std::ceil(l->bodySize.width())),
                                  l->metaWidth,
                                  l->templateLabel.isEmpty() ? 0 : sfm.horizontalAdvance(l->templateLabel),
                                  quoteWidth,
                                  l->thumbnail.isValid() ? l->thumbnail.width() : 0});
    l->bubbleWidth = qMin(maxBubble, content + 2 * kPadX);
    l->bubbleHeight = kPadY + l->templateHeight + l->quoteHeight
                      + (l->thumbnail.isValid() ? l->thumbnail.height() + 4 : 0) + int(std::ceil(l->bodySize.height()))
                      + 2 + l->metaHeight + kPadY;

    const QString title = index.data(ThreadModel::ErrorTitleRole).toString();
    if (!title.isEmpty()) {
        const QString code = index.data(ThreadModel::ErrorCodeRole).toString();
        const QString advice = index.data(ThreadModel::ErrorAdviceRole).toString();
        // "dismissed" is ours (an agent's decision), not a provider code worth showing.
        QString text =
            code.isEmpty() || code == QLatin1String("dismissed") ? title : tr("%1 (code %2)").arg(title, code);
        if (!advice.isEmpty()) {
            text += QLatin1Char('\n') + advice;
        }
        text.replace(QLatin1Char('\n'), QChar::LineSeparator);
        l->error = std::make_unique<QTextLayout>(text, small);
        l->errorSize = layoutText(*l->error, maxBubble);
    }
    if (l->error
        && (status == MessageStatus::Failed || status == MessageStatus::Undelivered
            || status == MessageStatus::Unknown)) {
        l->actionsHeight = sfm.height() + 4;
    }
    l->totalHeight = l->separatorHeight + kRowGap + l->bubbleHeight + l->reactionHeight
                     + (l->error ? 4 + int(std::ceil(l->errorSize.height())) : 0) + l->actionsHeight + kRowGap;
    m_cache.insert(key, l);
    return *l;
}

QSize BubbleDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const auto* view = qobject_cast<const QAbstractItemView*>(option.widget);
    const SizeKey key{index.data(ThreadModel::IdRole).toLongLong(),
                      view ? view->viewport()->width() : option.rect.width(),
                      int(index.data(ThreadModel::StatusRole).value<MessageStatus>()),
                      index.data(ThreadModel::DayStartsRole).toBool(),
                      index.data(ThreadModel::RevisionRole).toInt()};
    if (const auto found = m_sizes.constFind(key); found != m_sizes.cend()) {
        return *found;
    }
    const Layout& l = layoutFor(option, index);
    const QSize size(l.bubbleWidth + 2 * kSideMargin, l.totalHeight);
    m_sizes.insert(key, size);
    return size;
}

QRect BubbleDelegate::bubbleRect(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const Layout& l = layoutFor(option, index);
    const bool outbound =
        MessageDirection(index.data(ThreadModel::DirectionRole).toInt()) == MessageDirection::Outbound;
    const int top = option.rect.top() + l.separatorHeight + kRowGap;
    const int left = outbound ? option.rect.right() - kSideMargin - l.bubbleWidth : option.rect.left() + kSideMargin;
    return QRect(left, top, l.bubbleWidth, l.bubbleHeight);
}

void BubbleDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const Layout& l = layoutFor(option, index);
    const QPalette& pal = option.palette;
    const bool outbound =
        MessageDirection(index.data(ThreadModel::DirectionRole).toInt()) == MessageDirection::Outbound;
    const auto status = index.data(ThreadModel::StatusRole).value<MessageStatus>();
    const QFont small = smallFont(option.font);
    const QFontMetrics sfm(small);
    QColor ink = pal.color(QPalette::Text);
    QColor muted = ink;
    muted.setAlphaF(0.6f);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);

    if (l.separatorHeight > 0) {
        const QString label =
            dayLabel(index.data(ThreadModel::SentAtRole).toLongLong(), QDateTime::currentMSecsSinceEpoch());
        const int w = sfm.horizontalAdvance(label) + 24;
        const int h = sfm.height() + 8;
        const QRect pill(option.rect.center().x() - w / 2, option.rect.top() + (l.separatorHeight - h) / 2, w, h);
        painter->setPen(Qt::NoPen);
        painter->setBrush(isDark(pal) ? QColor(0x18, 0x22, 0x29) : QColor(0xff, 0xff, 0xff, 0xe6));
        painter->drawRoundedRect(pill, h / 2.0, h / 2.0);
        painter->setFont(small);
        painter->setPen(muted);
        painter->drawText(pill, Qt::AlignCenter, label);
    }

    const QRect bubble = bubbleRect(option, index);
    QColor fill = bubbleColour(pal, outbound);
    if (option.state & QStyle::State_Selected) {
        fill = fill.darker(isDark(pal) ? 80 : 108);
    }
    painter->setPen(QPen(QColor(0, 0, 0, isDark(pal) ? 0 : 22), 1));
    painter->setBrush(fill);
    painter->drawRoundedRect(QRectF(bubble).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8);

    int y = bubble.top() + kPadY;
    if (!l.templateLabel.isEmpty()) {
        QFont label = small;
        label.setItalic(true);
        painter->setFont(label);
        painter->setPen(muted);
        painter->drawText(QRect(bubble.left() + kPadX, y, bubble.width() - 2 * kPadX, l.templateHeight),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          sfm.elidedText(l.templateLabel, Qt::ElideRight, bubble.width() - 2 * kPadX));
        y += l.templateHeight;
    }
    if (l.quoteHeight > 0) {
        const QRect block(bubble.left() + kPadX, y, bubble.width() - 2 * kPadX, l.quoteHeight - 4);
        painter->setPen(Qt::NoPen);
        painter->setBrush(isDark(pal) ? QColor(255, 255, 255, 18) : QColor(0, 0, 0, 14));
        painter->drawRoundedRect(block, 4, 4);
        painter->setBrush(kQuoteGreen);
        painter->drawRect(QRect(block.left(), block.top(), 3, block.height()));
        int line = block.top() + 4;
        const int textWidth = block.width() - 12;
        if (!l.quoteAuthor.isEmpty()) {
            QFont bold = small;
            bold.setBold(true);
            painter->setFont(bold);
            painter->setPen(kQuoteGreen);
            painter->drawText(QRect(block.left() + 9, line, textWidth, sfm.height()),
                              Qt::AlignLeft | Qt::AlignVCenter,
                              QFontMetrics(bold).elidedText(l.quoteAuthor, Qt::ElideRight, textWidth));
            line += sfm.height();
        }
        painter->setFont(small);
        painter->setPen(muted);
        painter->drawText(QRect(block.left() + 9, line, textWidth, sfm.height()),
                          Qt::AlignLeft | Qt::AlignVCenter,
                          sfm.elidedText(l.quoteText, Qt::ElideRight, textWidth));
        y += l.quoteHeight;
    }
    if (l.thumbnail.isValid()) {
        const QRect frame(bubble.left() + kPadX, y, l.thumbnail.width(), l.thumbnail.height());
        const QImage image = index.data(ThreadModel::ThumbnailRole).value<QImage>(); // starts the fetch
        if (image.isNull()) {
            painter->setPen(Qt::NoPen);
            painter->setBrush(isDark(pal) ? QColor(255, 255, 255, 20) : QColor(0, 0, 0, 18));
            painter->drawRoundedRect(frame, 6, 6);
            painter->setFont(small);
            painter->setPen(muted);
            painter->drawText(frame, Qt::AlignCenter, tr("Loading image…"));
        } else {
            QPainterPath clip;
            clip.addRoundedRect(QRectF(frame), 6, 6);
            painter->save();
            painter->setClipPath(clip);
            painter->drawImage(frame, image);
            painter->restore();
        }
        y += l.thumbnail.height() + 4;
    }
    painter->setPen(ink);
    painter->setFont(option.font);
    l.body->draw(painter, QPointF(bubble.left() + kPadX, y));
    y += int(std::ceil(l.bodySize.height())) + 2;

    const int metaRight = bubble.right() - kPadX;
    painter->setFont(small);
    painter->setPen(muted);
    int timeRight = metaRight;
    if (outbound) {
        const qreal h = sfm.height() * 0.8;
        const qreal w = StatusTicks::width(h);
        StatusTicks::paint(painter, QRectF(metaRight - w, y + (sfm.height() - h) / 2.0, w, h), status, muted);
        timeRight = int(metaRight - w - 4);
    }
    painter->setFont(small);
    painter->setPen(muted);
    painter->drawText(QRect(timeRight - sfm.horizontalAdvance(l.time), y, sfm.horizontalAdvance(l.time), sfm.height()),
                      Qt::AlignRight | Qt::AlignVCenter,
                      l.time);

    if (!l.reaction.isEmpty()) {
        // The emoji at the text's size: at the small size it is hard to make out.
        const QFontMetrics fm(option.font);
        const int h = fm.height() + 4;
        const int w = fm.horizontalAdvance(l.reaction) + 14;
        // Bottom left, clear of the time and ticks on the right.
        const QRect badge(bubble.left() + 8, bubble.bottom() - h / 2 + 2, w, h);
        painter->setPen(QPen(isDark(pal) ? QColor(0x0b, 0x14, 0x1a) : QColor(0xe9, 0xed, 0xef), 2));
        painter->setBrush(isDark(pal) ? QColor(0x20, 0x2c, 0x33) : QColor(Qt::white));
        painter->drawRoundedRect(badge, h / 2.0, h / 2.0);
        painter->setFont(option.font);
        painter->setPen(ink);
        painter->drawText(badge, Qt::AlignCenter, l.reaction);
    }
    if (l.error) {
        const int errorLeft = outbound ? bubble.right() - int(std::ceil(l.errorSize.width())) : bubble.left();
        painter->setPen(status == MessageStatus::Unknown ? QColor(0xb2, 0x6a, 0x00) : StatusTicks::failedRed());
        l.error->draw(painter, QPointF(errorLeft, bubble.bottom() + 4 + l.reactionHeight));
    }
    if (l.actionsHeight > 0) {
        QFont link = small;
        link.setBold(true);
        link.setUnderline(true);
        painter->setFont(link);
        painter->setPen(pal.color(QPalette::Link));
        for (const auto& [action, rect] : actionRects(option, index)) {
            painter->drawText(rect, Qt::AlignCenter, actionText(action));
        }
    }
    painter->restore();
}

QString BubbleDelegate::actionText(Action action)
{
    switch (action) {
    case Action::Retry:
        return tr("Retry");
    case Action::Resend:
        return tr("Resend");
    case Action::Dismiss:
        return tr("Dismiss");
    case Action::None:
        break;
    }
    return QString();
}

QList<QPair<BubbleDelegate::Action, QRect>> BubbleDelegate::actionRects(const QStyleOptionViewItem& option,
                                                                        const QModelIndex& index) const
{
    const Layout& l = layoutFor(option, index);
    if (l.actionsHeight == 0) {
        return {};
    }
    const auto status = index.data(ThreadModel::StatusRole).value<MessageStatus>();
    const QList<Action> actions = status == MessageStatus::Unknown ? QList<Action>{Action::Resend, Action::Dismiss}
                                                                   : QList<Action>{Action::Retry};
    QFont link = smallFont(option.font);
    link.setBold(true);
    const QFontMetrics lfm(link);
    const QRect bubble = bubbleRect(option, index);
    const bool outbound =
        MessageDirection(index.data(ThreadModel::DirectionRole).toInt()) == MessageDirection::Outbound;
    const int top = bubble.bottom() + 4 + l.reactionHeight + int(std::ceil(l.errorSize.height())) + 2;
    QList<QPair<Action, QRect>> rects;
    int x = 0;
    for (const Action action : actions) {
        const int w = lfm.horizontalAdvance(actionText(action)) + 12;
        rects.append({action, QRect(x, top, w, lfm.height() + 2)});
        x += w + 4;
    }
    // Under the error, on the bubble's side.
    const int shift = outbound ? bubble.right() - (x - 4) : bubble.left();
    for (auto& [action, rect] : rects) {
        rect.translate(shift, 0);
    }
    return rects;
}

BubbleDelegate::Action
BubbleDelegate::actionAt(const QStyleOptionViewItem& option, const QModelIndex& index, const QPoint& pos) const
{
    for (const auto& [action, rect] : actionRects(option, index)) {
        if (rect.contains(pos)) {
            return action;
        }
    }
    return Action::None;
}

QRect BubbleDelegate::actionRect(const QStyleOptionViewItem& option, const QModelIndex& index, Action action) const
{
    for (const auto& [candidate, rect] : actionRects(option, index)) {
        if (candidate == action) {
            return rect;
        }
    }
    return {};
}

bool BubbleDelegate::helpEvent(QHelpEvent* event,
                               QAbstractItemView* view,
                               const QStyleOptionViewItem& option,
                               const QModelIndex& index)
{
    if (!event || !view || !index.isValid()) {
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    }
    QStringList tip;
    const auto status = index.data(ThreadModel::StatusRole).value<MessageStatus>();
    if (MessageDirection(index.data(ThreadModel::DirectionRole).toInt()) == MessageDirection::Outbound) {
        tip << StatusTicks::describe(status);
    }
    const QString raw = index.data(ThreadModel::ErrorMessageRole).toString();
    if (!raw.isEmpty()) {
        tip << tr("Provider says: %1").arg(raw);
    }
    tip << QLocale().toString(
        QDateTime::fromMSecsSinceEpoch(index.data(ThreadModel::SentAtRole).toLongLong()).toLocalTime(),
        QLocale::LongFormat);
    // Escaped: the provider's words must never be read as rich text.
    QToolTip::showText(event->globalPos(),
                       tip.join(QLatin1Char('\n')).toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")),
                       view);
    return true;
}
