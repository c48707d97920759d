#pragma once

#include <QListView>

#include <optional>

class ThreadModel;

// The message list. Asks for older pages when scrolled to the top (newer ones again at the bottom,
// when the model dropped them) and, when rows come or go above it, keeps the first visible message
// where it was; follows new messages only while the reader is at the bottom.
class ThreadView : public QListView
{
    Q_OBJECT
public:
    explicit ThreadView(QWidget* parent = nullptr);

    void setThreadModel(ThreadModel* model);
    bool isAtBottom() const;
    // The view's item option for a row, as the delegate gets it when painting.
    QStyleOptionViewItem optionFor(const QModelIndex& index) const;

signals:
    // A click on Retry, Resend or Dismiss under a message (BubbleDelegate::Action as int).
    void messageActionRequested(qint64 messageId, int action);

public:
    void scrollToNewest();

protected:
    void resizeEvent(QResizeEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void onScrolled(int value);
    int actionUnder(const QPoint& pos, qint64* messageId = nullptr) const;
    void loadOlder();
    void loadNewer();
    void onPageLoaded();
    // A page is about to go in: remember the first visible message, to put it back in the same
    // place once the page is in.
    void rememberAnchor();
    void restoreAnchor();

    struct Anchor
    {
        qint64 messageId = 0;
        int top = 0; // its offset in the viewport
    };

    ThreadModel* m_model = nullptr;
    bool m_followBottom = true;
    bool m_paging = false; // a page this view asked for is on its way
    std::optional<Anchor> m_anchor;
};
