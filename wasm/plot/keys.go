package plot

import (
	"advplay/engine/data"
	"advplay/wasm/keys"
	"advplay/wasm/readout"
	"advplay/wasm/view"
)

// onScreen is the scene's points in screen pixels, for the keyboard
// cursor.
type onScreen struct{ p *Plot }

func (s onScreen) Len() int { return len(s.p.scene.View().Points) }

func (s onScreen) Screen(i int) (float64, float64) {
	q := s.p.scene.View().Points[i]
	return s.p.tf.ToScreen(q.X, q.Y)
}

// keysRect is the plot's rectangle for package keys.
func keysRect(l view.Layout) keys.Rect {
	r := l.Plot
	return keys.Rect{X: r.X, Y: r.Y, W: r.W, H: r.H}
}

// Focus shows the keyboard cursor when the plot gains the focus from the
// keyboard (focus-visible), and puts back a carried point and hides the
// cursor when it loses it.
func (p *Plot) Focus(focused, fromKeyboard bool) {
	switch {
	case focused && fromKeyboard && !p.cursor.Visible:
		p.key(p.cursor.Show(keysRect(p.layout)))
	case !focused:
		p.keyActions = p.cursor.Hide(p.keyActions[:0])
		for _, a := range p.keyActions {
			p.key(a)
		}
	}
}

// Key carries out one key (keys.Handled) and says what it did. It reports
// whether the key asks the focus to leave the plot.
func (p *Plot) Key(k keys.Key) (leave bool) {
	p.keyActions = p.cursor.Handle(k, keysRect(p.layout), p.dpr, onScreen{p}, p.keyActions[:0])
	for _, a := range p.keyActions {
		leave = p.key(a) || leave
	}
	return leave
}

// key carries out one action of the keys and says what it did.
func (p *Plot) key(a keys.Action) (leave bool) {
	pts := p.scene.View().Points
	set := p.scene.Settings()
	x, y := p.tf.ToData(a.X, a.Y)
	switch a.Kind {
	case keys.MoveCursor:
		target := ""
		if i := p.cursor.Target(onScreen{p}, keys.Reach*p.dpr); i >= 0 {
			target = readout.Point(pts[i], p.scene.Info(i))
		}
		p.say(readout.Cursor(x, y, target))
	case keys.Add:
		if !p.add(x, y, set.Class, a.Other) {
			p.say(p.notice)
			return false
		}
		all := p.scene.View().Points
		p.say(readout.Added(all[len(all)-1], all))
	case keys.Remove:
		q := pts[a.Index]
		if err := p.scene.RemovePoint(a.Index); err != nil {
			p.say(err.Error())
			return false
		}
		p.hover = -1
		p.say(readout.Removed(q, p.scene.View().Points))
	case keys.PickUp:
		p.say(readout.PickedUp(pts[a.Index]))
	case keys.Carry, keys.PutDown, keys.PutBack:
		if err := p.scene.MovePoint(a.Index, x, y); err != nil {
			p.say(err.Error())
			return false
		}
		say := map[keys.ActionKind]func(data.Point) string{keys.Carry: readout.Carrying, keys.PutDown: readout.PutDown, keys.PutBack: readout.PutBack}[a.Kind]
		p.say(say(p.scene.View().Points[a.Index]))
	case keys.Pan:
		p.pan(a.DX, a.DY)
	case keys.Zoom:
		p.zoom(a.Factor, a.X, a.Y)
		minX, minY, maxX, maxY := p.tf.Visible()
		p.say(readout.Zoomed(a.Factor > 1, minX, maxX, minY, maxY))
	case keys.Fit:
		p.Fit()
		p.say(readout.Fitted)
	case keys.Leave:
		return true
	case keys.Nothing:
		p.say(readout.Sentence(a.Reason))
	}
	return false
}
