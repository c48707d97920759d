#include "ui/thread/ThreadView.h"

#include "ui/thread/BubbleDelegate.h"
#include "ui/thread/ThreadModel.h"

#include <QEvent>
#include <QMouseEvent>
#include <QScrollBar>
#include <QTimer>

ThreadView::ThreadView(QWidget* parent)
    : QListView(parent)
{
    setObjectName(QStringLiteral("threadView"));
    setAccessibleName(tr("Messages"));
    setItemDelegate(new BubbleDelegate(this));
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setResizeMode(QListView::Adjust);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setFrameShape(QFrame::NoFrame);
    setWordWrap(true);
    verticalScrollBar()->setSingleStep(24);
    viewport()->setMouseTracking(true); // the hand cursor over Retry, Resend and Dismiss
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &ThreadView::onScrolled);
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, [this] {
        if (m_followBottom) {
            scrollToBottom();
        }
    });
}

void ThreadView::setThreadModel(ThreadModel* model)
{
    m_model = model;
    setModel(model);
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        m_paging = false; // a reset drops any page still on its way
        m_anchor.reset();
        m_followBottom = true;
        scrollToNewest();
    });
    // A page goes in as inserted rows, then rows trimmed off the other end; the view may scroll
    // meanwhile (a removed current row), so the anchor is taken before the first change of a page
    // and put back once the page is in.
    connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this, [this](const QModelIndex&, int first) {
        if (m_model->isLoading()) {
            rememberAnchor();
        } else if (first > 0 && first == m_model->rowCount()) {
            // A new message: follow only when the reader was already at the newest one.
            m_followBottom = isAtBottom();
        }
    });
    connect(model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex&, int first) {
        if (!m_model->isLoading() && first > 0 && m_followBottom) {
            // The layout grows later; rangeChanged keeps following while m_followBottom holds.
            scrollToBottom();
        }
    });
    connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this] {
        if (m_model->isLoading()) {
            rememberAnchor();
        }
    });
    connect(model, &ThreadModel::pageLoaded, this, &ThreadView::onPageLoaded);
    connect(model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex& topLeft) {
        // A status change can add an error line under the bubble: let the view measure it again.
        if (auto* delegate = qobject_cast<BubbleDelegate*>(itemDelegate())) {
            emit delegate->sizeHintChanged(topLeft);
        }
    });
}

bool ThreadView::isAtBottom() const
{
    const QScrollBar* bar = verticalScrollBar();
    return bar->value() >= bar->maximum() - 4;
}

void ThreadView::scrollToNewest()
{
    m_followBottom = true;
    if (m_model && m_model->hasNewer()) {
        m_model->showNewest(); // a reset: scrolls to the bottom
        return;
    }
    scrollToBottom();
}

void ThreadView::onScrolled(int value)
{
    m_followBottom = isAtBottom();
    if (!m_model || m_paging || m_model->isLoading()) {
        return;
    }
    if (value <= verticalScrollBar()->minimum() && m_model->hasOlder()) {
        // Queued: inserting rows from inside the scroll bar's own signal confuses its range.
        QTimer::singleShot(0, this, &ThreadView::loadOlder);
    } else if (value >= verticalScrollBar()->maximum() && m_model->hasNewer()) {
        m_followBottom = false;
        QTimer::singleShot(0, this, &ThreadView::loadNewer);
    }
}

void ThreadView::loadOlder()
{
    if (!m_model || m_paging || verticalScrollBar()->value() > verticalScrollBar()->minimum()) {
        return;
    }
    m_paging = m_model->fetchOlder();
}

void ThreadView::loadNewer()
{
    if (!m_model || m_paging || verticalScrollBar()->value() < verticalScrollBar()->maximum()) {
        return;
    }
    m_paging = m_model->fetchNewer();
}

void ThreadView::onPageLoaded()
{
    restoreAnchor();
    if (!m_paging) {
        return;
    }
    m_paging = false;
    m_followBottom = isAtBottom() && !m_model->hasNewer();
}

void ThreadView::rememberAnchor()
{
    if (m_anchor || m_model->rowCount() == 0) {
        return; // the page's first change took it already
    }
    const QModelIndex anchor = indexAt(QPoint(4, 4)).isValid() ? indexAt(QPoint(4, 4)) : m_model->index(0);
    m_anchor = Anchor{anchor.data(ThreadModel::IdRole).toLongLong(), visualRect(anchor).top()};
}

void ThreadView::restoreAnchor()
{
    if (!m_anchor) {
        return;
    }
    const Anchor anchor = *m_anchor;
    m_anchor.reset();
    const int row = m_model->rowOf(anchor.messageId);
    if (row < 0) {
        return; // it was among the rows removed
    }
    doItemsLayout();
    const QModelIndex moved = m_model->index(row);
    verticalScrollBar()->setValue(verticalScrollBar()->value() + visualRect(moved).top() - anchor.top);
}

QStyleOptionViewItem ThreadView::optionFor(const QModelIndex& index) const
{
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    option.rect = visualRect(index);
    return option;
}

int ThreadView::actionUnder(const QPoint& pos, qint64* messageId) const
{
    const QModelIndex index = indexAt(pos);
    auto* delegate = qobject_cast<BubbleDelegate*>(itemDelegate());
    if (!index.isValid() || !delegate) {
        return int(BubbleDelegate::Action::None);
    }
    if (messageId) {
        *messageId = index.data(ThreadModel::IdRole).toLongLong();
    }
    return int(delegate->actionAt(optionFor(index), index, pos));
}

void ThreadView::mouseMoveEvent(QMouseEvent* event)
{
    const bool overAction = actionUnder(event->position().toPoint()) != int(BubbleDelegate::Action::None);
    viewport()->setCursor(overAction ? Qt::PointingHandCursor : Qt::ArrowCursor);
    QListView::mouseMoveEvent(event);
}

void ThreadView::mouseReleaseEvent(QMouseEvent* event)
{
    qint64 id = 0;
    const int action = actionUnder(event->position().toPoint(), &id);
    if (event->button() == Qt::LeftButton && action != int(BubbleDelegate::Action::None)) {
        emit messageActionRequested(id, action);
        event->accept();
        return;
    }
    QListView::mouseReleaseEvent(event);
}

void ThreadView::resizeEvent(QResizeEvent* event)
{
    const bool atBottom = isAtBottom();
    QListView::resizeEvent(event);
    if (atBottom) {
        scrollToBottom();
    }
}

void ThreadView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange) {
        if (auto* delegate = qobject_cast<BubbleDelegate*>(itemDelegate())) {
            delegate->clearCache();
        }
    }
    QListView::changeEvent(event);
}
