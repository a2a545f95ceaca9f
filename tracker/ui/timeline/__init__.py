"""The timeline: each action's original and revised due dates on a time axis, slippage at a
glance, a today line, zoom from weeks to years, and printing."""
